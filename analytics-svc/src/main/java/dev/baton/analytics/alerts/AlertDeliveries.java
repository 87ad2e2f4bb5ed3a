package dev.baton.analytics.alerts;

import dev.baton.proto.v1.AlertDelivery;
import dev.baton.proto.v1.AlertDeliveryStatus;
import dev.baton.proto.v1.AlertEventType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the webhook delivery log ({@code analytics.alert_deliveries} with its events), newest first. */
final class AlertDeliveries {
  private final Pool pool;

  AlertDeliveries(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  Future<List<AlertDelivery>> latest(String tenant, String rule, int limit) {
    return pool.preparedQuery("SELECT d.event_id, h.rule, h.type, d.url, d.status, d.attempts, d.last_status, "
            + "d.last_error, d.next_attempt_at, d.delivered_at FROM analytics.alert_deliveries d "
            + "JOIN analytics.alert_history h ON h.id = d.event_id WHERE h.tenant = $1 AND ($2 = '' OR h.rule = $2) "
            + "ORDER BY d.event_id DESC LIMIT $3")
        .execute(Tuple.of(tenant, rule, limit))
        .map(rows -> {
          List<AlertDelivery> out = new ArrayList<>();
          for (Row r : rows) {
            String status = r.getString("status");
            AlertDelivery.Builder d = AlertDelivery.newBuilder()
                .setEventId(r.getLong("event_id"))
                .setRule(r.getString("rule"))
                .setType(AlertEventType.valueOf("ALERT_EVENT_TYPE_" + r.getString("type")))
                .setUrl(r.getString("url"))
                .setStatus(AlertDeliveryStatus.valueOf("ALERT_DELIVERY_STATUS_" + status))
                .setAttempts(r.getInteger("attempts"))
                .setLastHttpStatus(r.getInteger("last_status") == null ? 0 : r.getInteger("last_status"))
                .setLastError(r.getString("last_error") == null ? "" : r.getString("last_error"));
            if (status.equals("PENDING") || status.equals("SENDING")) {
              d.setNextAttemptTime(AlertRuleStore.time(r.getOffsetDateTime("next_attempt_at")));
            }
            if (r.getOffsetDateTime("delivered_at") != null) {
              d.setDeliveredTime(AlertRuleStore.time(r.getOffsetDateTime("delivered_at")));
            }
            out.add(d.build());
          }
          return out;
        });
  }
}
