package dev.baton.orchestrator.engine;

import dev.baton.common.events.EventPayloads;
import dev.baton.proto.v1.ExecutionEvent;
import java.util.UUID;

/**
 * One entry for the execution event log. {@code payload} holds the event's type and typed payload
 * (the store numbers the event and stamps its time); {@code itemIndex} and {@code attempt} may be null.
 */
public record Event(
    UUID executionId, String tenantId, String stepId, Integer itemIndex, Integer attempt, ExecutionEvent payload) {

  /** An event of {@code execution}; {@code event} has its payload set, which gives the event its type. */
  public static Event of(ExecutionRecord execution, String stepId, Integer itemIndex, Integer attempt,
      ExecutionEvent.Builder event) {
    return new Event(execution.id, execution.tenantId, stepId, itemIndex, attempt, EventPayloads.typed(event).build());
  }

  public ExecutionEvent.Type type() {
    return payload.getType();
  }
}
