package dev.baton.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a set of samples in milliseconds (no interpolation, so p99 is a real sample). */
record Percentiles(int count, double p50, double p90, double p99, double max) {

  static Percentiles of(Collection<Double> samplesMs) {
    if (samplesMs.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    List<Double> sorted = new ArrayList<>(samplesMs);
    Collections.sort(sorted);
    return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  String format() {
    return String.format("p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %7.2f ms   (n=%d)", p50, p90, p99, max,
        count);
  }
}
