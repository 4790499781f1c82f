package jp.shisakuflow.plan;

import java.util.Optional;
import jp.shisakuflow.initiative.Coded;

/**
 * How an item relates to another: it follows another item (a dependency: flagged while the predecessor
 * is unfinished), is discussed at a meeting, or is aligned with another item or workstream.
 */
public record PlanLink(Kind kind, String target, String note) {

  public enum Kind implements Coded {
    FOLLOWS("follows", "先行する取組"), DISCUSSED_AT("discussedAt", "検討の場"), ALIGNED_WITH("alignedWith", "連動する取組");

    private final String code;
    private final String labelJa;

    Kind(String code, String labelJa) {
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

    public static Optional<Kind> fromCode(String code) {
      return Coded.fromCode(Kind.class, code);
    }
  }
}
