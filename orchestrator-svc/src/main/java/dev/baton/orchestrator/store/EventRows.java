package dev.baton.orchestrator.store;

import dev.baton.common.events.EventLogRows;
import dev.baton.proto.internal.v1.PublishedEvent;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;

/** The rows returned by the event insert, as events to publish after commit. */
final class EventRows {
  private EventRows() {}

  static List<PublishedEvent> published(RowSet<Row> rows) {
    List<PublishedEvent> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(PublishedEvent.newBuilder().setTenantId(row.getString("tenant_id"))
          .setEvent(EventLogRows.event(row)).build());
    }
    return out;
  }
}
