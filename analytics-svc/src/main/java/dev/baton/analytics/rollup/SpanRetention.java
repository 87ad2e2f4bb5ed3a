package dev.baton.analytics.rollup;

import dev.baton.common.postgres.SlicedDelete;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Deletes the spans of the default partition of {@code analytics.spans} (the time partitions are
 * dropped whole by {@link SpanPartitions}, which moves the spans still needed here): those of traces
 * whose executions are all rolled up once they arrived more than the raw retention ago, the others
 * (spans of other services, executions that never ended or still run, late spans) once they arrived
 * more than the orphan retention ago.
 * In slices ({@link SlicedDelete}), so that one run never holds many row locks; replicas deleting at
 * once are harmless.
 */
final class SpanRetention {
  private static final int SLICE = 10_000;
  // a trace is done once every execution span in it is rolled up (a child execution shares its
  // parent's trace); scanning by received_at (indexed), checking the trace by its key in every partition
  private static final String DELETE = "DELETE FROM analytics.spans_default WHERE ctid IN (SELECT s.ctid "
      + "FROM analytics.spans_default s "
      + "WHERE s.received_at < now() - make_interval(secs => $2) OR (s.received_at < now() - make_interval(secs => $1) "
      + "AND EXISTS (SELECT 1 FROM analytics.spans e WHERE e.trace_id = s.trace_id AND e.name = 'baton.execution' "
      + "AND e.rolled_up_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM analytics.spans e WHERE e.trace_id = s.trace_id "
      + "AND e.name = 'baton.execution' AND e.rolled_up_at IS NULL)) LIMIT " + SLICE + ")";

  private SpanRetention() {}

  /** Deletes expired spans until none are left; the number deleted. */
  static Future<Long> run(Pool pool, Duration rawRetention, Duration orphanRetention) {
    return SlicedDelete.run(pool, DELETE, Tuple.of(rawRetention.toMillis() / 1000.0,
        orphanRetention.toMillis() / 1000.0), SLICE);
  }
}
