package jp.shisakuflow.plan;

import java.util.List;
import java.util.stream.Collectors;
import jp.shisakuflow.web.InvalidInput;
import jp.shisakuflow.web.ProblemType;

/** A plan that was rejected whole; lists every error with its line. Nothing of it was imported. */
public class InvalidPlanException extends RuntimeException implements InvalidInput {

  private final String source;
  private final List<PlanError> errors;

  public InvalidPlanException(String source, List<PlanError> errors) {
    super("計画ファイル " + source + " に " + errors.size() + " 件の誤りがあります (plan rejected, nothing imported):"
        + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining()));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public String source() {
    return source;
  }

  public List<PlanError> errors() {
    return errors;
  }

  @Override
  public ProblemType problemType() {
    return ProblemType.INVALID_PLAN;
  }

  @Override
  public List<PlanError> problems() {
    return errors;
  }
}
