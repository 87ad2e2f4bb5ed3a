package dev.baton.analytics.alerts;

import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.AlertEventType;
import dev.baton.proto.v1.AlertKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads {@code analytics.alert_history}: the log of firings and resolvings. */
final class AlertHistory {
  static final String COLUMNS = "id, tenant, rule, type, kind, workflow, server_address, value, threshold, samples, "
      + "created_at";

  private final Pool pool;

  AlertHistory(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** Newest first. */
  Future<List<AlertEvent>> latest(String tenant, String rule, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM analytics.alert_history WHERE tenant = $1 "
            + "AND ($2 = '' OR rule = $2) ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(tenant, rule, limit))
        .map(AlertHistory::events);
  }

  /** Oldest first, those after the given id. */
  Future<List<AlertEvent>> after(String tenant, String rule, long afterId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM analytics.alert_history WHERE tenant = $1 "
            + "AND ($2 = '' OR rule = $2) AND id > $3 ORDER BY id LIMIT $4")
        .execute(Tuple.of(tenant, rule, afterId, limit))
        .map(AlertHistory::events);
  }

  /** The id of the newest event of any tenant (0 when none): where a watch "from now on" starts. */
  Future<Long> lastId() {
    return pool.query("SELECT coalesce(max(id), 0) AS id FROM analytics.alert_history").execute()
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  static AlertEvent of(Row r) {
    return AlertEvent.newBuilder()
        .setId(r.getLong("id"))
        .setTenant(r.getString("tenant"))
        .setRule(r.getString("rule"))
        .setType(AlertEventType.valueOf("ALERT_EVENT_TYPE_" + r.getString("type")))
        .setKind(AlertKind.valueOf("ALERT_KIND_" + r.getString("kind")))
        .setWorkflow(r.getString("workflow"))
        .setServerAddress(r.getString("server_address"))
        .setValue(r.getDouble("value"))
        .setThreshold(r.getDouble("threshold"))
        .setSamples(r.getLong("samples"))
        .setTime(AlertRuleStore.time(r.getOffsetDateTime("created_at")))
        .build();
  }

  private static List<AlertEvent> events(RowSet<Row> rows) {
    List<AlertEvent> out = new ArrayList<>();
    rows.forEach(r -> out.add(of(r)));
    return out;
  }
}
