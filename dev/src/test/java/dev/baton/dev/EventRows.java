package dev.baton.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.events.EventPayloads;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.ExecutionEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The rows of execution_events of one execution, to compare with what watchers received. */
final class EventRows {
  /** What identifies an event's content; payloads compared as JSON trees (key order and spacing differ). */
  record Row(long sequence, String type, String stepId, int itemIndex, int attempt, JsonNode payload) {
    /** An event as a watcher received it, written as the event log writes it. */
    static Row of(ExecutionEvent e) {
      String payload = EventPayloads.json(e);
      return new Row(e.getSequence(), EventPayloads.typeName(e), e.getStepId(), e.getItemIndex(), e.getAttempt(),
          Json.parse(payload == null ? "{}" : payload));
    }
  }

  private EventRows() {}

  static List<Row> of(LocalPlatform platform, String executionId) {
    var pg = platform.postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         PreparedStatement st = c.prepareStatement("SELECT seq, type, coalesce(step_id, '') AS step_id, "
             + "coalesce(item_index, -1) AS item_index, coalesce(attempt, 0) AS attempt, "
             + "coalesce(payload::text, '{}') AS payload FROM execution_events WHERE execution_id = ? ORDER BY seq")) {
      st.setObject(1, UUID.fromString(executionId));
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong("seq"), rs.getString("type"), rs.getString("step_id"), rs.getInt("item_index"),
              rs.getInt("attempt"), Json.parse(rs.getString("payload"))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading execution_events: " + e.getMessage(), e);
    }
  }
}
