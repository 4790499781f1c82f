package jp.shisakuflow.initiative;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business key of a year's instance, {@code FY<fiscal year>-<id>}: an initiative's lifecycle
 * ({@code FY2019-hiroba}) or a plan's year ({@code FY2019-plan-community}). The one place the format is spelled.
 */
public record BusinessKey(int fiscalYear, String id) {

  private static final String PREFIX = "FY";
  private static final Pattern FORMAT = Pattern.compile(PREFIX + "(\\d{4})-(.+)");

  public static BusinessKey of(int fiscalYear, String id) {
    return new BusinessKey(fiscalYear, id);
  }

  /** The key's year and id, when the text has the format. */
  public static Optional<BusinessKey> parse(String key) {
    Matcher matcher = key == null ? null : FORMAT.matcher(key);
    return matcher != null && matcher.matches()
        ? Optional.of(new BusinessKey(Integer.parseInt(matcher.group(1)), matcher.group(2)))
        : Optional.empty();
  }

  /** A SQL {@code LIKE} pattern for every key of a fiscal year whose id starts with {@code idPrefix}. */
  public static String likeInYear(int fiscalYear, String idPrefix) {
    return PREFIX + fiscalYear + "-" + idPrefix + "%";
  }

  /** A SQL {@code LIKE} pattern for every key of a fiscal year. */
  public static String likeInYear(int fiscalYear) {
    return likeInYear(fiscalYear, "");
  }

  @Override
  public String toString() {
    return PREFIX + fiscalYear + "-" + id;
  }
}
