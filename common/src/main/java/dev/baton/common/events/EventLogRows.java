package dev.baton.common.events;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.ExecutionEvent;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * Reads rows of the execution event log (table execution_events) as {@link ExecutionEvent}s: the
 * one shape in which the orchestrator publishes events and progress-svc reads them back. The type
 * and payload columns are read by {@link EventPayloads}.
 * A row must have the columns execution_id, seq, type, step_id, item_index, attempt, payload
 * (as text) and created_at.
 */
public final class EventLogRows {
  /** Columns to select for {@link #event}. */
  public static final String COLUMNS =
      "execution_id, seq, type, step_id, item_index, attempt, payload::text AS payload, created_at";

  private EventLogRows() {}

  public static ExecutionEvent event(Row row) {
    Integer item = row.getInteger("item_index");
    Integer attempt = row.getInteger("attempt");
    String stepId = row.getString("step_id");
    ExecutionEvent.Builder event = ExecutionEvent.newBuilder()
        .setExecutionId(row.getUUID("execution_id").toString())
        .setSequence(row.getLong("seq"))
        .setStepId(stepId == null ? "" : stepId)
        .setItemIndex(item == null ? -1 : item)
        .setAttempt(attempt == null ? 0 : attempt)
        .setTime(timestamp(row.getOffsetDateTime("created_at")));
    return EventPayloads.read(event, row.getString("type"), row.getString("payload")).build();
  }

  private static Timestamp timestamp(OffsetDateTime time) {
    return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
  }
}
