package dev.baton.analytics.rollup;

/**
 * One {@code baton.attempt} span as the rollup needs it: when it started (backoff start, else
 * dispatch) and ended (end of its run), when its result was applied by the orchestrator (end of
 * its {@code baton.apply} child; its end when that span is missing), and its backoff / queue / run
 * split (docs/tracing.md). {@code item} is the forEach element index, -1 for a plain step.
 */
public record AttemptTiming(String step, int item, int attempt, long startNanos, long endNanos, long appliedNanos,
    long backoffNanos, long queueNanos, long runNanos, boolean error) {

  public long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }
}
