package dev.baton.orchestrator.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.events.EventPayloads;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.ExecutionEvent;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the notifications outbox. {@code eventType} and {@code payload} are those of the
 * execution event that raised it (as the event log stores them, see {@link EventPayloads}), or
 * CIRCUIT_OPENED and the breaker's details.
 */
record OutboxRow(long id, String tenantId, String eventType, String kind, String workflowName, int workflowVersion,
    UUID executionId, String stepId, Integer itemIndex, Integer attempt, String payload, OffsetDateTime createdAt) {

  static final String COLUMNS = "n.id, n.tenant_id, n.event_type, n.kind, n.workflow_name, n.workflow_version, "
      + "n.execution_id, n.step_id, n.item_index, n.attempt, n.payload::text AS payload, n.created_at";

  static OutboxRow of(Row r) {
    Integer version = r.getInteger("workflow_version");
    return new OutboxRow(r.getLong("id"), r.getString("tenant_id"), r.getString("event_type"), r.getString("kind"),
        r.getString("workflow_name"), version == null ? 0 : version, r.getUUID("execution_id"), r.getString("step_id"),
        r.getInteger("item_index"), r.getInteger("attempt"), r.getString("payload"),
        r.getOffsetDateTime("created_at"));
  }

  /** The execution event that raised it, typed; TYPE_UNSPECIFIED when none did (CIRCUIT_OPENED). */
  ExecutionEvent event() {
    return EventPayloads.read(ExecutionEvent.newBuilder(), eventType, payload).build();
  }

  /**
   * The JSON body a channel receives: {@code id}, {@code kind}, {@code tenant}, {@code time}, then what
   * is known of the cause ({@code workflow}, {@code workflowVersion}, {@code executionId}, {@code stepId},
   * {@code itemIndex}, {@code attempt}) and the cause's own {@code details} (the event payload: error
   * code and message, or the breaker's provider, openUntil, failures, lastError).
   */
  String body() {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("id", id)
        .put("kind", kind)
        .put("tenant", tenantId)
        .put("time", createdAt.toInstant().toString());
    if (!workflowName.isEmpty()) {
      body.put("workflow", workflowName).put("workflowVersion", workflowVersion);
    }
    if (executionId != null) {
      body.put("executionId", executionId.toString());
    }
    if (stepId != null) {
      body.put("stepId", stepId);
    }
    if (itemIndex != null) {
      body.put("itemIndex", itemIndex);
    }
    if (attempt != null) {
      body.put("attempt", attempt);
    }
    body.set("details", Json.parse(payload)); // as stored: what the event (or the breaker) recorded
    return Json.write(body);
  }
}
