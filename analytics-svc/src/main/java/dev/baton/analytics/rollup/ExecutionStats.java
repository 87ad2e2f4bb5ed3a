package dev.baton.analytics.rollup;

/** Execution-level numbers of one rollup row (or of a merge of rows). */
public final class ExecutionStats {
  public long executions;
  public long failed;
  public long durationNanos;
  public final DurationSketch duration;

  public ExecutionStats(DurationSketch duration) {
    this.duration = duration;
  }

  public static ExecutionStats empty() {
    return new ExecutionStats(DurationSketch.empty());
  }

  public void merge(ExecutionStats other) {
    executions += other.executions;
    failed += other.failed;
    durationNanos += other.durationNanos;
    duration.merge(other.duration);
  }
}
