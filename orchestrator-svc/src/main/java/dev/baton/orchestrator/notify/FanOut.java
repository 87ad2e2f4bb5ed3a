package dev.baton.orchestrator.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns new outbox rows into one delivery per matching channel (tenant, workflow or all, kinds or
 * all), in one transaction per batch: rows are claimed with FOR UPDATE SKIP LOCKED and marked
 * fanned out, so replicas never fan one out twice. Channels added later do not get older notifications.
 */
final class FanOut {
  private static final int BATCH = 100;

  private final Pool pool;
  private final NotificationKinds kinds;

  FanOut(Pool pool, NotificationKinds kinds) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.kinds = Objects.requireNonNull(kinds, "kinds");
  }

  /** Fans out one batch; returns how many outbox rows it handled. */
  Future<Integer> runOnce() {
    return pool.withTransaction(conn -> conn
        .preparedQuery("SELECT " + OutboxRow.COLUMNS + " FROM notifications n WHERE NOT n.fanned_out "
            + "ORDER BY n.id LIMIT $1 FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(BATCH))
        .compose(rows -> {
          List<OutboxRow> batch = new ArrayList<>();
          for (Row r : rows) {
            batch.add(OutboxRow.of(r));
          }
          Future<Void> chain = Future.succeededFuture();
          for (OutboxRow row : batch) {
            chain = chain.compose(v -> fanOut(conn, row));
          }
          return chain.map(v -> batch.size());
        }));
  }

  private Future<Void> fanOut(SqlConnection conn, OutboxRow row) {
    return kinds.kindOf(conn, row).compose(kind -> deliveries(conn, row, kind)
        .compose(v -> conn.preparedQuery("UPDATE notifications SET fanned_out = true, kind = $2 WHERE id = $1")
            .execute(Tuple.of(row.id(), kind.orElse(null))))
        .mapEmpty());
  }

  private static Future<Void> deliveries(SqlConnection conn, OutboxRow row, Optional<String> kind) {
    if (kind.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("INSERT INTO notification_deliveries (notification_id, tenant_id, channel, status) "
            + "SELECT $1, c.tenant_id, c.name, 'PENDING' FROM notification_channels c "
            + "WHERE c.tenant_id = $2 AND (c.workflow_name = '' OR c.workflow_name = $3) "
            + "AND (cardinality(c.kinds) = 0 OR $4 = ANY(c.kinds)) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(row.id(), row.tenantId(), row.workflowName(), kind.get()))
        .mapEmpty();
  }
}
