package dev.baton.orchestrator.engine;

import java.time.Instant;
import java.util.UUID;

/**
 * The task row a result or a timer refers to, as read inside the transaction. {@code runStartedAt}
 * is when an executor began running it, as its result reports (null when unknown).
 */
public record TaskRecord(
    UUID id, UUID executionId, String stepId, int itemIndex, int attempt, TaskKind kind, TaskStatus status,
    UUID childExecutionId, Instant runStartedAt) {

  public TaskRecord withRunStartedAt(Instant startedAt) {
    return new TaskRecord(id, executionId, stepId, itemIndex, attempt, kind, status, childExecutionId, startedAt);
  }
}
