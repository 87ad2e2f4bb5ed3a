package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import java.time.Instant;
import java.util.UUID;

/** The mutable in-transaction view of one executions row. */
public final class ExecutionRecord {
  public final UUID id;
  public final String tenantId;
  public final String workflowName;
  public final int workflowVersion;
  public final JsonNode input;
  public final String idempotencyKey;
  public final UUID parentExecutionId;
  public final UUID parentTaskId;
  public final String traceparent;
  public final Instant createdAt;
  ExecutionStatus status;
  JsonNode output;
  StepError error;
  Instant finishedAt;
  boolean dirty;

  public ExecutionRecord(UUID id, String tenantId, String workflowName, int workflowVersion, JsonNode input,
      String idempotencyKey, UUID parentExecutionId, UUID parentTaskId, String traceparent, Instant createdAt,
      ExecutionStatus status, JsonNode output, StepError error, Instant finishedAt) {
    this.id = id;
    this.tenantId = tenantId;
    this.workflowName = workflowName;
    this.workflowVersion = workflowVersion;
    this.input = input;
    this.idempotencyKey = idempotencyKey;
    this.parentExecutionId = parentExecutionId;
    this.parentTaskId = parentTaskId;
    this.traceparent = traceparent;
    this.createdAt = createdAt;
    this.status = status;
    this.output = output;
    this.error = error;
    this.finishedAt = finishedAt;
  }

  /**
   * A new top-level execution, RUNNING since {@code createdAt}, not stored yet; it is the root of
   * a new trace. {@code idempotencyKey} may be null.
   */
  public static ExecutionRecord started(UUID id, String tenantId, String workflowName, int workflowVersion,
      JsonNode input, String idempotencyKey, Instant createdAt) {
    return new ExecutionRecord(id, tenantId, workflowName, workflowVersion, input, idempotencyKey, null, null,
        TraceParent.newTrace(id).format(), createdAt, ExecutionStatus.EXECUTION_STATUS_RUNNING, null, null, null);
  }

  public ExecutionStatus status() {
    return status;
  }

  public JsonNode output() {
    return output;
  }

  public StepError error() {
    return error;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** Changed by the current transition. */
  public boolean isDirty() {
    return dirty;
  }

  /** SUCCEEDED, FAILED or CANCELLED: waiting for a person or paused is not an end. */
  public boolean isTerminal() {
    return dev.baton.common.status.ExecutionStatuses.isTerminal(status);
  }

  /** PAUSED by a person: nothing new is dispatched. */
  public boolean isPaused() {
    return status == ExecutionStatus.EXECUTION_STATUS_PAUSED;
  }

  /** A change between the statuses that have not ended (RUNNING, WAITING_FOR_INTERVENTION, PAUSED). */
  void setOpenStatus(ExecutionStatus newStatus) {
    if (dev.baton.common.status.ExecutionStatuses.isTerminal(newStatus)) {
      throw new IllegalArgumentException("setOpenStatus: " + newStatus + " (expected: a status that has not ended)");
    }
    status = newStatus;
    dirty = true;
  }

  /** A FAILED execution runs again (a person retries or skips its failed step): RUNNING, no end yet. */
  void reopen() {
    status = ExecutionStatus.EXECUTION_STATUS_RUNNING;
    output = null;
    error = null;
    finishedAt = null;
    dirty = true;
  }

  void finish(ExecutionStatus newStatus, JsonNode newOutput, StepError newError, Instant at) {
    status = newStatus;
    output = newOutput;
    error = newError;
    finishedAt = at;
    dirty = true;
  }
}
