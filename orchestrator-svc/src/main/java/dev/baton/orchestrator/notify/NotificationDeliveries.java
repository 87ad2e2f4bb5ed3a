package dev.baton.orchestrator.notify;

import com.google.protobuf.Timestamp;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.NotificationDelivery;
import dev.baton.proto.v1.NotificationDeliveryStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The delivery log (table notification_deliveries with its notifications), newest first. */
public final class NotificationDeliveries {
  private final Pool pool;

  public NotificationDeliveries(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  public Future<List<NotificationDelivery>> list(String tenant, String channel, int limit) {
    return pool.preparedQuery("SELECT d.channel, d.status, d.attempts, d.last_status, d.last_error, d.created_at AS "
            + "delivery_created, d.next_attempt_at, d.delivered_at, " + OutboxRow.COLUMNS
            + " FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id "
            + "WHERE d.tenant_id = $1 AND ($2 = '' OR d.channel = $2) "
            + "ORDER BY d.created_at DESC, d.notification_id DESC LIMIT $3")
        .execute(Tuple.of(tenant, channel, limit))
        .map(rows -> {
          List<NotificationDelivery> out = new ArrayList<>();
          for (Row r : rows) {
            OutboxRow n = OutboxRow.of(r);
            NotificationDeliveryStatus status = EnumNames.parse(NotificationDeliveryStatus.class, r.getString("status"));
            NotificationDelivery.Builder d = NotificationDelivery.newBuilder()
                .setNotificationId(n.id())
                .setChannel(r.getString("channel"))
                .setKind(n.kind() == null ? "" : n.kind())
                .setExecutionId(n.executionId() == null ? "" : n.executionId().toString())
                .setWorkflowName(n.workflowName())
                .setStatus(status)
                .setAttempts(r.getInteger("attempts"))
                .setLastHttpStatus(r.getInteger("last_status") == null ? 0 : r.getInteger("last_status"))
                .setLastError(r.getString("last_error") == null ? "" : r.getString("last_error"))
                .setCreateTime(time(r.getOffsetDateTime("delivery_created")))
                .setBodyJson(n.body());
            if (status != NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED
                && status != NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_FAILED) {
              d.setNextAttemptTime(time(r.getOffsetDateTime("next_attempt_at")));
            }
            if (r.getOffsetDateTime("delivered_at") != null) {
              d.setDeliveredTime(time(r.getOffsetDateTime("delivered_at")));
            }
            out.add(d.build());
          }
          return out;
        });
  }

  private static Timestamp time(OffsetDateTime t) {
    return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
  }
}
