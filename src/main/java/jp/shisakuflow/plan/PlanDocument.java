package jp.shisakuflow.plan;

import java.util.function.UnaryOperator;

/**
 * A plan file as a person uploaded it, read into the plan's YAML text (the form every plan is checked and kept in).
 * {@code placeErrors} tells the errors found in that text where the person wrote them: a YAML file's own lines,
 * or an Excel workbook's sheet and cell.
 */
public record PlanDocument(String source, String yaml, UnaryOperator<InvalidPlanException> placeErrors) {

  /** A YAML file: its errors are at its own lines. */
  public static PlanDocument yaml(String source, String yaml) {
    return new PlanDocument(source, yaml, UnaryOperator.identity());
  }

  /** The plan, checked whole by {@code parser}; an invalid one is refused with every error at its place. */
  public Plan parse(PlanParser parser) {
    try {
      return parser.parse(source, yaml);
    } catch (InvalidPlanException e) {
      throw placeErrors.apply(e);
    }
  }
}
