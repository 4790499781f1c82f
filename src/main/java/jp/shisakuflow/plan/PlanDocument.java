package jp.shisakuflow.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A plan file as a person uploaded it, read into the plan's YAML text (the form every plan is checked and kept in).
 * {@code placeErrors} tells the errors found in that text where the person wrote them: a YAML file's own lines,
 * or an Excel workbook's sheet and cell. {@code readErrors}: what was already wrong while reading the file into
 * YAML (a workbook's cell that holds no date, an unknown sheet …); they are listed with the checker's, so the
 * person sees every error at once, and a plan with any of them is never returned.
 */
public record PlanDocument(String source, String yaml, UnaryOperator<InvalidPlanException> placeErrors,
    List<PlanError> readErrors) {

  public PlanDocument {
    readErrors = List.copyOf(readErrors);
  }

  /** A document that read without errors of its own. */
  public PlanDocument(String source, String yaml, UnaryOperator<InvalidPlanException> placeErrors) {
    this(source, yaml, placeErrors, List.of());
  }

  /** A YAML file: its errors are at its own lines. */
  public static PlanDocument yaml(String source, String yaml) {
    return new PlanDocument(source, yaml, UnaryOperator.identity());
  }

  /**
   * The plan, checked whole by {@code parser}; an invalid one is refused with every error at its place. Where the
   * reader already reported a place, the checker's error about the same place is not repeated.
   */
  public Plan parse(PlanParser parser) {
    List<PlanError> checked = List.of();
    Plan plan = null;
    try {
      plan = parser.parse(source, yaml);
    } catch (InvalidPlanException e) {
      checked = placeErrors.apply(e).errors();
    }
    if (readErrors.isEmpty() && checked.isEmpty()) {
      return plan;
    }
    Set<String> read = readErrors.stream().map(PlanError::place).filter(Objects::nonNull).collect(Collectors.toSet());
    List<PlanError> all = new ArrayList<>(readErrors);
    checked.stream().filter(e -> e.place() == null || !read.contains(e.place())).forEach(all::add);
    throw new InvalidPlanException(source, all);
  }
}
