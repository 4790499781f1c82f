package jp.shisakuflow.fiscalyear;

import jp.shisakuflow.initiative.Coded;

/** What an assembly decided on a proposal, as the office records it after the session (議会の議決). */
public enum AssemblyDecision implements Coded {
  PASSED("passed", "可決"), REJECTED("rejected", "否決"), DEFERRED("deferred", "継続審議");

  private final String code;
  private final String labelJa;

  AssemblyDecision(String code, String labelJa) {
    this.code = code;
    this.labelJa = labelJa;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String labelJa() {
    return labelJa;
  }
}
