package dev.baton.analytics.rollup;

import dev.baton.analytics.rollup.RollupKeys.DependencyKey;
import dev.baton.analytics.rollup.RollupKeys.ExecutionKey;
import dev.baton.analytics.rollup.RollupKeys.StepKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Merges a {@link RollupBatch} into the rollup tables inside the caller's transaction. Counters
 * could be added in SQL, but sketches must be merged here, so each row is read and rewritten
 * under its row lock: the first statement upserts every key (a no-op update of an existing row)
 * and returns the row as it is, locked until commit; the second writes the merged values. Keys
 * are taken in sorted order, so concurrent replicas wait for each other instead of deadlocking.
 */
final class RollupWriter {
  private static final String LOCK_EXECUTION = "INSERT INTO analytics.execution_rollups AS r VALUES "
      + "($1, $2, $3, $4, 0, 0, 0, ''::bytea) ON CONFLICT (tenant, workflow, workflow_version, bucket) "
      + "DO UPDATE SET executions = r.executions RETURNING executions, failed, duration_ns, duration_sketch";
  private static final String WRITE_EXECUTION = "UPDATE analytics.execution_rollups SET executions = $5, failed = $6, "
      + "duration_ns = $7, duration_sketch = $8 WHERE tenant = $1 AND workflow = $2 AND workflow_version = $3 "
      + "AND bucket = $4";
  private static final String LOCK_STEP = "INSERT INTO analytics.step_rollups AS r VALUES "
      + "($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''::bytea, ''::bytea) "
      + "ON CONFLICT (tenant, workflow, workflow_version, step, bucket) DO UPDATE SET attempts = r.attempts "
      + "RETURNING attempts, errors, retries, queue_ns, run_ns, backoff_ns, critical_ns, critical_queue_ns, "
      + "critical_run_ns, critical_backoff_ns, duration_sketch, queue_sketch";
  private static final String WRITE_STEP = "UPDATE analytics.step_rollups SET attempts = $6, errors = $7, "
      + "retries = $8, queue_ns = $9, run_ns = $10, backoff_ns = $11, critical_ns = $12, critical_queue_ns = $13, "
      + "critical_run_ns = $14, critical_backoff_ns = $15, duration_sketch = $16, queue_sketch = $17 "
      + "WHERE tenant = $1 AND workflow = $2 AND workflow_version = $3 AND step = $4 AND bucket = $5";
  private static final String LOCK_DEPENDENCY = "INSERT INTO analytics.dependency_rollups AS r VALUES "
      + "($1, $2, $3, $4, 0, 0, ''::bytea) ON CONFLICT (tenant, workflow, server_address, bucket) "
      + "DO UPDATE SET calls = r.calls RETURNING calls, failures, latency_sketch";
  private static final String WRITE_DEPENDENCY = "UPDATE analytics.dependency_rollups SET calls = $5, failures = $6, "
      + "latency_sketch = $7 WHERE tenant = $1 AND workflow = $2 AND server_address = $3 AND bucket = $4";

  private RollupWriter() {}

  static Future<Void> write(SqlConnection conn, RollupBatch batch) {
    return merge(conn, batch.executions, LOCK_EXECUTION, WRITE_EXECUTION,
        k -> Tuple.of(k.tenant(), k.workflow(), k.version(), time(k.bucket())),
        RollupRows::executionStats, ExecutionStats::merge,
        (key, s) -> Tuple.of(key.tenant(), key.workflow(), key.version(), time(key.bucket()), s.executions, s.failed,
            s.durationNanos, Buffer.buffer(s.duration.toBytes())))
        .compose(v -> merge(conn, batch.steps, LOCK_STEP, WRITE_STEP,
            k -> Tuple.of(k.tenant(), k.workflow(), k.version(), k.step(), time(k.bucket())),
            RollupRows::stepStats, StepStats::merge,
            (key, s) -> Tuple.from(List.of(key.tenant(), key.workflow(), key.version(), key.step(), time(key.bucket()),
                s.attempts, s.errors, s.retries, s.queueNanos, s.runNanos, s.backoffNanos, s.criticalNanos,
                s.criticalQueueNanos, s.criticalRunNanos, s.criticalBackoffNanos,
                Buffer.buffer(s.duration.toBytes()), Buffer.buffer(s.queue.toBytes())))))
        .compose(v -> merge(conn, batch.dependencies, LOCK_DEPENDENCY, WRITE_DEPENDENCY,
            k -> Tuple.of(k.tenant(), k.workflow(), k.host(), time(k.bucket())),
            RollupRows::dependencyStats, DependencyStats::merge,
            (key, s) -> Tuple.of(key.tenant(), key.workflow(), key.host(), time(key.bucket()), s.calls, s.failures,
                Buffer.buffer(s.latency.toBytes()))));
  }

  private static <K, S> Future<Void> merge(SqlConnection conn, Map<K, S> deltas, String lockSql, String writeSql,
      Function<K, Tuple> keyTuple, Function<Row, S> reader, BiConsumer<S, S> merger,
      BiFunction<K, S, Tuple> writeTuple) {
    if (deltas.isEmpty()) {
      return Future.succeededFuture();
    }
    List<K> keys = new ArrayList<>(deltas.keySet()); // sorted: the maps are TreeMaps with the key order
    List<Tuple> lockTuples = keys.stream().map(keyTuple).toList();
    return conn.preparedQuery(lockSql).executeBatch(lockTuples).compose(rows -> {
      List<Tuple> writes = new ArrayList<>(keys.size());
      RowSet<Row> current = rows;
      for (K key : keys) {
        S merged = reader.apply(current.iterator().next());
        merger.accept(merged, deltas.get(key));
        writes.add(writeTuple.apply(key, merged));
        current = current.next();
      }
      return conn.preparedQuery(writeSql).executeBatch(writes).mapEmpty();
    });
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
