package dev.baton.analytics.rollup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The critical path of one finished execution, derived from its attempt spans rather than from
 * the workflow definition: a step is dispatched as soon as the result of its last dependency is
 * applied, so walking back from the step applied last, the predecessor on the path is the step
 * whose run ended last before this one started. That is the dependency that held it up, whatever the DAG, the version
 * or the conditions that skipped steps. Each step on the path is charged the time from its
 * predecessor's applied result (the execution's start for the first) to its own: that includes
 * the dispatch, its queue wait, run and backoff, and the trip of its result to the orchestrator,
 * which is the step's end as the orchestrator records it. What remains of the end-to-end time
 * (after the last step) is not charged to any step.
 *
 * <p>A forEach step (or a step with retries) counts from its first attempt's start to its last
 * attempt's applied result; its queue / run / backoff split is that of the element that ended last, whose
 * attempts are what the path waited for.
 */
public final class CriticalPath {
  private CriticalPath() {}

  /** The share of the critical path of each step on it; steps off the path are absent. */
  public static Map<String, PathShare> of(long executionStartNanos, List<AttemptTiming> attempts) {
    List<StepSpan> steps = StepSpan.group(attempts);
    Map<String, PathShare> path = new LinkedHashMap<>();
    StepSpan current = steps.stream().max(Comparator.comparingLong(StepSpan::applied)).orElse(null);
    while (current != null) {
      StepSpan step = current;
      // by run end: the orchestrator may stamp the next dispatch before it commits the result it
      // applies, so an applied time can lie a little after the start of the step it unblocked
      StepSpan previous = steps.stream()
          .filter(s -> s != step && !path.containsKey(s.name) && s.end <= step.start)
          .max(Comparator.comparingLong(StepSpan::end)).orElse(null);
      long from = previous == null ? executionStartNanos : previous.applied;
      long nanos = Math.max(0, step.applied - from);
      long backoff = Math.min(step.backoff, nanos);
      long queue = Math.min(step.queue, nanos - backoff);
      long run = Math.min(step.run, nanos - backoff - queue);
      path.put(step.name, new PathShare(nanos, queue, run, backoff));
      current = previous;
    }
    return path;
  }

  /** All attempts of one step: their extent and the split of the element that ended last. */
  private record StepSpan(String name, long start, long end, long applied, long backoff, long queue, long run) {
    static List<StepSpan> group(List<AttemptTiming> attempts) {
      Map<String, List<AttemptTiming>> byStep = new HashMap<>();
      for (AttemptTiming a : attempts) {
        byStep.computeIfAbsent(a.step(), k -> new ArrayList<>()).add(a);
      }
      List<StepSpan> out = new ArrayList<>();
      byStep.forEach((name, list) -> {
        long start = list.stream().mapToLong(AttemptTiming::startNanos).min().orElseThrow();
        AttemptTiming last = list.stream().max(Comparator.comparingLong(AttemptTiming::appliedNanos)).orElseThrow();
        List<AttemptTiming> lastItem = list.stream().filter(a -> a.item() == last.item()).toList();
        out.add(new StepSpan(name, start, last.endNanos(), last.appliedNanos(),
            lastItem.stream().mapToLong(AttemptTiming::backoffNanos).sum(),
            lastItem.stream().mapToLong(AttemptTiming::queueNanos).sum(),
            lastItem.stream().mapToLong(AttemptTiming::runNanos).sum()));
      });
      return out;
    }
  }
}
