package dev.baton.orchestrator.engine;

import dev.baton.proto.internal.v1.Task;
import java.time.Instant;
import java.util.UUID;

/**
 * A task row to insert. HANDLER tasks carry the {@link Task} message that goes on the queue;
 * CHILD tasks name the child execution they wait for.
 */
public record NewTask(
    UUID id, UUID executionId, String tenantId, String stepId, int itemIndex, int attempt, TaskKind kind,
    TaskStatus status, String taskQueue, Task payload, UUID childExecutionId, Instant dueAt, Instant leaseExpiresAt) {

  public boolean dispatchNow() {
    return kind == TaskKind.HANDLER && status == TaskStatus.QUEUED;
  }
}
