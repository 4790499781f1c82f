package jp.shisakuflow.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Summaries of repeated measurements. */
final class Stats {

  private Stats() {}

  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** "min / median / max" with one decimal. */
  static String range(List<Double> values) {
    return "%.1f / %.1f / %.1f".formatted(Collections.min(values), median(values), Collections.max(values));
  }
}
