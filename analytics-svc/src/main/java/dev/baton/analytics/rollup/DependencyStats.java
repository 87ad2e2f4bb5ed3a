package dev.baton.analytics.rollup;

/** Calls to one external host: count, failures and latency (one rollup row or a merge of rows). */
public final class DependencyStats {
  public long calls;
  public long failures;
  public final DurationSketch latency;

  public DependencyStats(DurationSketch latency) {
    this.latency = latency;
  }

  public static DependencyStats empty() {
    return new DependencyStats(DurationSketch.empty());
  }

  public void add(ExecutionSpans.DependencyCall call) {
    calls++;
    failures += call.error() ? 1 : 0;
    latency.add(call.durationNanos() / 1e6);
  }

  public void merge(DependencyStats other) {
    calls += other.calls;
    failures += other.failures;
    latency.merge(other.latency);
  }
}
