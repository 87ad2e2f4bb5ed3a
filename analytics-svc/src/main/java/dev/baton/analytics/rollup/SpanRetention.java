package dev.baton.analytics.rollup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * Deletes raw spans: those rolled up once they are older than the raw retention, the others
 * (spans of other services, executions that never ended) once older than the orphan retention.
 * In slices, so that one run never holds many row locks; replicas deleting at once are harmless.
 */
final class SpanRetention {
  private static final int SLICE = 10_000;
  private static final String DELETE = "DELETE FROM analytics.spans WHERE ctid IN (SELECT ctid FROM analytics.spans "
      + "WHERE received_at < now() - make_interval(secs => $1) AND rolled_up_at IS NOT NULL "
      + "OR received_at < now() - make_interval(secs => $2) LIMIT " + SLICE + ")";

  private SpanRetention() {}

  /** Deletes expired spans until none are left; the number deleted. */
  static Future<Long> run(Pool pool, Duration rawRetention, Duration orphanRetention) {
    return slice(pool, Tuple.of(rawRetention.toMillis() / 1000.0, orphanRetention.toMillis() / 1000.0), 0);
  }

  private static Future<Long> slice(Pool pool, Tuple args, long deletedSoFar) {
    return pool.preparedQuery(DELETE).execute(args).compose(rows -> {
      long total = deletedSoFar + rows.rowCount();
      return rows.rowCount() < SLICE ? Future.succeededFuture(total) : slice(pool, args, total);
    });
  }
}
