package dev.baton.analytics.rollup;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;

/** Reads rollup rows (or sums of them, with the same column names) into stats. */
public final class RollupRows {
  private RollupRows() {}

  public static ExecutionStats executionStats(Row row) {
    ExecutionStats s = new ExecutionStats(sketch(row, "duration_sketch"));
    s.executions = row.getLong("executions");
    s.failed = row.getLong("failed");
    s.durationNanos = row.getLong("duration_ns");
    return s;
  }

  public static StepStats stepStats(Row row) {
    StepStats s = new StepStats(sketch(row, "duration_sketch"), sketch(row, "queue_sketch"));
    s.attempts = row.getLong("attempts");
    s.errors = row.getLong("errors");
    s.retries = row.getLong("retries");
    s.queueNanos = row.getLong("queue_ns");
    s.runNanos = row.getLong("run_ns");
    s.backoffNanos = row.getLong("backoff_ns");
    s.criticalNanos = row.getLong("critical_ns");
    s.criticalQueueNanos = row.getLong("critical_queue_ns");
    s.criticalRunNanos = row.getLong("critical_run_ns");
    s.criticalBackoffNanos = row.getLong("critical_backoff_ns");
    return s;
  }

  public static DependencyStats dependencyStats(Row row) {
    DependencyStats s = new DependencyStats(sketch(row, "latency_sketch"));
    s.calls = row.getLong("calls");
    s.failures = row.getLong("failures");
    return s;
  }

  /** An empty bytea is the sketch of a row just created by the writer's upsert. */
  private static DurationSketch sketch(Row row, String column) {
    Buffer bytes = row.getBuffer(column);
    return bytes == null || bytes.length() == 0 ? DurationSketch.empty() : DurationSketch.fromBytes(bytes.getBytes());
  }
}
