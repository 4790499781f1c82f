package jp.shisakuflow.progress;

/** Where an initiative stands against its plan. */
public enum ProgressStatus {
  ON_SCHEDULE("予定通り"), AHEAD("前倒し"), DELAYED("遅延"), COMPLETED("完了");

  private final String labelJa;

  ProgressStatus(String labelJa) {
    this.labelJa = labelJa;
  }

  public String labelJa() {
    return labelJa;
  }
}
