package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.util.Durations;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.proto.internal.v1.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Builds the task row and the queue message of one attempt of a handler step. */
final class TaskFactory {

  /** An attempt that runs {@code target}: the step's own handler (and config, or a person's correction), or a fallback's. */
  NewTask handlerTask(ExecutionState state, CompiledStep def, HandlerTarget target, int itemIndex, int attempt,
      JsonNode input, TaskStatus status, Instant dueAt, Instant leaseExpiresAt) {
    ExecutionRecord e = state.execution();
    UUID id = UUID.randomUUID();
    Task payload = Task.newBuilder()
        .setTaskId(id.toString())
        .setTenantId(e.tenantId)
        .setExecutionId(e.id.toString())
        .setWorkflowName(e.workflowName)
        .setWorkflowVersion(e.workflowVersion)
        .setStepId(def.id())
        .setItemIndex(itemIndex)
        .setAttempt(attempt)
        .setHandler(target.handler())
        .setInputJson(Json.write(input))
        .setConfigJson(Json.write(target.config()))
        .setIdempotencyKey(idempotencyKey(e.id, def.id(), itemIndex, attempt))
        .setStartToCloseTimeout(toProto(def.startToClose()))
        .setHeartbeatTimeout(toProto(def.heartbeatTimeout()))
        .setTraceparent(e.traceparent)
        .setDelivery(status == TaskStatus.QUEUED ? 1 : 0)
        .setTaskQueue(def.taskQueue())
        .build();
    return new NewTask(id, e.id, e.tenantId, def.id(), itemIndex, attempt, TaskKind.HANDLER, status,
        def.taskQueue(), payload, null, dueAt, leaseExpiresAt);
  }

  /** Stable across redeliveries of one attempt, so handlers can deduplicate side effects. */
  static String idempotencyKey(UUID executionId, String stepId, int itemIndex, int attempt) {
    return executionId + "/" + stepId + (itemIndex >= 0 ? "[" + itemIndex + "]" : "") + "/" + attempt;
  }

  private static com.google.protobuf.Duration toProto(Duration d) {
    return Durations.fromMillis(d.toMillis());
  }
}
