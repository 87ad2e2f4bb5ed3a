package dev.baton.progress.eta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each step of one workflow version took in its earlier successful runs: per step the
 * median of (STEP_SUCCEEDED time - STEP_STARTED time), which includes queue wait and retries.
 */
public record StepHistory(int workflowVersion, int runs, Map<String, Duration> medians) {

  public StepHistory {
    medians = Map.copyOf(medians);
  }

  public static StepHistory none(int workflowVersion) {
    return new StepHistory(workflowVersion, 0, Map.of());
  }

  public Optional<Duration> median(String stepId) {
    return Optional.ofNullable(medians.get(stepId));
  }

  /** Builds the history from per-run step durations. */
  public static StepHistory of(int workflowVersion, int runs, Map<String, List<Duration>> durations) {
    Map<String, Duration> medians = new HashMap<>();
    durations.forEach((step, list) -> medians.put(step, median(list)));
    return new StepHistory(workflowVersion, runs, medians);
  }

  static Duration median(List<Duration> values) {
    List<Duration> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }
}
