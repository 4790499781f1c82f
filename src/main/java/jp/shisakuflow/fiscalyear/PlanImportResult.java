package jp.shisakuflow.fiscalyear;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an import did: {@code started} a new year, {@code revised} a running one, or nothing ({@code unchanged}). */
public record PlanImportResult(String planKey, int fiscalYear, Status status, int initiativesStarted,
    int initiativesRevised) {

  /** The import's effect. */
  public enum Status { STARTED, REVISED, UNCHANGED }

  /** What happened, in a sentence for the person who imported: 「施策 29 件を開始しました」「変更はありません」. */
  @JsonProperty("summaryText")
  public String summaryText() {
    return switch (status) {
      case STARTED -> fiscalYear + "年度の計画を取り込みました。施策 " + initiativesStarted + " 件を開始しました";
      case REVISED -> fiscalYear + "年度の計画を改定しました。施策 " + initiativesRevised + " 件の予定を変更し、"
          + initiativesStarted + " 件を開始しました";
      case UNCHANGED -> "変更はありません（" + fiscalYear + "年度）";
    };
  }
}
