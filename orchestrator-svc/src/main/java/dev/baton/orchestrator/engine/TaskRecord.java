package dev.baton.orchestrator.engine;

import java.util.UUID;

/** The task row a result or a timer refers to, as read inside the transaction. */
public record TaskRecord(
    UUID id, UUID executionId, String stepId, int itemIndex, int attempt, TaskKind kind, TaskStatus status,
    UUID childExecutionId) {}
