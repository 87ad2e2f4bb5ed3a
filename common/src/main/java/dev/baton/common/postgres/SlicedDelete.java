package dev.baton.common.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Objects;

/**
 * Runs a retention DELETE in slices until one deletes fewer rows than a slice, so that no single
 * statement holds many row locks or a long transaction. The statement itself must delete at most
 * {@code slice} rows (e.g. {@code DELETE ... WHERE id IN (SELECT id ... LIMIT n)}). Replicas running
 * the same cleanup at once are harmless: a row deleted by one is simply not found by the other.
 */
public final class SlicedDelete {
  private SlicedDelete() {}

  /** Deletes until done; the number of rows deleted. */
  public static Future<Long> run(Pool pool, String delete, Tuple args, int slice) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(delete, "delete");
    Objects.requireNonNull(args, "args");
    return next(pool, delete, args, slice, 0);
  }

  private static Future<Long> next(Pool pool, String delete, Tuple args, int slice, long deletedSoFar) {
    return pool.preparedQuery(delete).execute(args).compose(rows -> {
      long total = deletedSoFar + rows.rowCount();
      return rows.rowCount() < slice ? Future.succeededFuture(total) : next(pool, delete, args, slice, total);
    });
  }
}
