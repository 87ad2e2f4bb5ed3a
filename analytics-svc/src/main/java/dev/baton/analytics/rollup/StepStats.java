package dev.baton.analytics.rollup;

/** Step-level numbers of one rollup row (or of a merge of rows); columns as in V2__rollups.sql. */
public final class StepStats {
  public long attempts;
  public long errors;
  public long retries;
  public long queueNanos;
  public long runNanos;
  public long backoffNanos;
  public long criticalNanos;
  public long criticalQueueNanos;
  public long criticalRunNanos;
  public long criticalBackoffNanos;
  public final DurationSketch duration;
  public final DurationSketch queue;

  public StepStats(DurationSketch duration, DurationSketch queue) {
    this.duration = duration;
    this.queue = queue;
  }

  public static StepStats empty() {
    return new StepStats(DurationSketch.empty(), DurationSketch.empty());
  }

  public void add(AttemptTiming attempt) {
    attempts++;
    errors += attempt.error() ? 1 : 0;
    retries += attempt.attempt() > 1 ? 1 : 0;
    queueNanos += attempt.queueNanos();
    runNanos += attempt.runNanos();
    backoffNanos += attempt.backoffNanos();
    duration.add(attempt.durationNanos() / 1e6);
    queue.add(attempt.queueNanos() / 1e6);
  }

  public void add(PathShare share) {
    criticalNanos += share.nanos();
    criticalQueueNanos += share.queueNanos();
    criticalRunNanos += share.runNanos();
    criticalBackoffNanos += share.backoffNanos();
  }

  public void merge(StepStats other) {
    attempts += other.attempts;
    errors += other.errors;
    retries += other.retries;
    queueNanos += other.queueNanos;
    runNanos += other.runNanos;
    backoffNanos += other.backoffNanos;
    criticalNanos += other.criticalNanos;
    criticalQueueNanos += other.criticalQueueNanos;
    criticalRunNanos += other.criticalRunNanos;
    criticalBackoffNanos += other.criticalBackoffNanos;
    duration.merge(other.duration);
    queue.merge(other.queue);
  }
}
