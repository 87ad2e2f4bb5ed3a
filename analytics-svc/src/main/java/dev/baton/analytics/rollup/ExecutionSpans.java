package dev.baton.analytics.rollup;

import java.time.Instant;
import java.util.List;

/**
 * What one finished execution contributes to the rollups: its execution span, its attempts and
 * the CLIENT calls its handlers made (span {@code server.address}, duration, error status).
 */
public record ExecutionSpans(String tenant, String workflow, int workflowVersion, long startNanos, long endNanos,
    boolean failed, List<AttemptTiming> attempts, List<DependencyCall> calls) {

  public record DependencyCall(String host, long durationNanos, boolean error) {}

  /** The rollup bucket: the minute the execution ended in, so all of its numbers land together. */
  public Instant bucket() {
    long minute = 60_000_000_000L;
    return Instant.ofEpochSecond(0, Math.floorDiv(endNanos, minute) * minute);
  }
}
