package dev.baton.orchestrator.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.status.ExecutionStatuses;
import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.engine.WorkflowLookup;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.store.ExecutionQueries;
import dev.baton.orchestrator.store.WorkflowStore;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.transition.TransitionBatcher;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import dev.baton.proto.v1.WaitingStep;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What callers do with executions: start, read, list, cancel, act on one (interventions) and
 * re-run dead letters. The one entry of the gRPC layer into the executions: it passes validated
 * values and gets the API's messages back. A failure the caller must know about is an
 * {@link OrchestratorException} whose message names the request field at fault.
 */
public final class ExecutionCalls {
  private static final String UNIQUE_VIOLATION = "23505";

  private final WorkflowStore workflows;
  private final ExecutionQueries queries;
  private final ExecutionDriver driver;
  private final TransitionBatcher batcher;
  private final Interventions interventions;
  private final BulkRetry bulkRetry;
  private final Clock clock;

  public ExecutionCalls(WorkflowStore workflows, ExecutionQueries queries, ExecutionDriver driver,
      TransitionBatcher batcher, Interventions interventions, Clock clock) {
    this.workflows = Objects.requireNonNull(workflows, "workflows");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.driver = Objects.requireNonNull(driver, "driver");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
    this.interventions = Objects.requireNonNull(interventions, "interventions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.bulkRetry = new BulkRetry(driver, interventions, queries);
  }

  /** A start: version 0 = the active one; {@code input} an object; {@code idempotencyKey} null when not given. */
  public record Start(String workflowName, int workflowVersion, JsonNode input, String idempotencyKey) {}

  /** The execution a start created, or ({@code created} false) the one it found by the idempotency key. */
  public record Started(Execution execution, boolean created) {}

  /** Starts an execution, or finds the one started earlier with the same idempotency key. */
  public Future<Started> start(String tenant, Start start) {
    String key = start.idempotencyKey();
    Future<Optional<Execution>> existing = key == null
        ? Future.succeededFuture(Optional.empty())
        : queries.byIdempotencyKey(tenant, key);
    return existing.compose(found -> found.isPresent()
        ? Future.succeededFuture(new Started(found.get(), false))
        : workflows.compiled(tenant, start.workflowName(), start.workflowVersion())
            .compose(resolved -> create(tenant, start, resolved.orElseThrow(() -> noWorkflow(start)))));
  }

  private Future<Started> create(String tenant, Start start, WorkflowLookup.Resolved resolved) {
    checkRequired(resolved.workflow(), start.input());
    String key = start.idempotencyKey();
    ExecutionRecord record = ExecutionRecord.started(UUID.randomUUID(), tenant, start.workflowName(),
        resolved.version(), start.input(), key, clock.instant());
    // without a key starts join the group commit; with one they commit alone, so that a
    // concurrent duplicate (unique violation) fails only its own transaction
    Future<ExecutionState> started = key == null
        ? batcher.submit(List.of(new ExecutionDriver.StartCommand(record, resolved.workflow())))
            .map(outcomes -> outcomes.get(0).started())
        : driver.start(record, resolved.workflow());
    return started
        .map(state -> new Started(ExecutionQueries.toProto(state), true))
        .recover(e -> isUniqueViolation(e) && key != null
            ? queries.byIdempotencyKey(tenant, key).map(again -> new Started(again.orElseThrow(), false))
            : Future.failedFuture(e));
  }

  private static OrchestratorException noWorkflow(Start start) {
    return OrchestratorException.notFound(start.workflowVersion() == 0
        ? "workflow_name: no workflow '" + start.workflowName() + "'"
        : "workflow_version: workflow '" + start.workflowName() + "' has no version " + start.workflowVersion());
  }

  private static void checkRequired(CompiledWorkflow workflow, JsonNode input) {
    for (String required : workflow.requiredInputs()) {
      if (!input.has(required) || input.get(required).isNull()) {
        throw OrchestratorException.invalid("input_json: missing required field '" + required + "' (workflow '"
            + workflow.name() + "' requires " + String.join(", ", workflow.requiredInputs()) + ")");
      }
    }
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /** The execution with its steps; NOT_FOUND when the tenant has none with this id. */
  public Future<Execution> get(String tenant, UUID id) {
    return queries.get(tenant, id).map(found -> found.orElseThrow(() ->
        OrchestratorException.notFound("execution_id: no execution " + id)));
  }

  /** Newest first, before ({@code before}, {@code beforeId}); null filters match everything. */
  public Future<List<Execution>> list(String tenant, String workflowName, ExecutionStatus status, Instant before,
      UUID beforeId, int limit) {
    return queries.list(tenant, workflowName, status, before, beforeId, limit);
  }

  /** Cancels an execution that has not ended (FAILED_PRECONDITION when it has); returns it afterwards. */
  public Future<Execution> cancel(String tenant, UUID id, String reason) {
    return get(tenant, id).compose(current -> {
      if (ExecutionStatuses.isTerminal(current.getStatus())) {
        throw OrchestratorException.precondition("execution_id: execution " + id + " already ended "
            + EnumNames.shortName(current.getStatus()));
      }
      return driver.cancel(id, reason).compose(v -> get(tenant, id));
    });
  }

  /** Steps waiting for a person, oldest execution first. */
  public Future<List<WaitingStep>> waiting(String tenant, String workflowName, int limit) {
    return queries.waiting(tenant, workflowName, limit);
  }

  /**
   * Applies a person's action in one transaction (FAILED_PRECONDITION, nothing written, when the
   * state forbids it); returns the execution afterwards.
   */
  public Future<Execution> act(String tenant, UUID id, ManualAction action) {
    return driver.intervene(tenant, id, (state, children, changes) -> action.apply(interventions, state, children,
            changes))
        .compose(v -> get(tenant, id));
  }

  /** Dead letters matching {@code filter}, newest failure first, after the cursor (null: from the newest). */
  public Future<List<Execution>> failed(String tenant, DeadLetterFilter filter, Instant after, UUID afterId,
      int limit) {
    return queries.failed(tenant, filter, true, after, afterId, limit);
  }

  /** Re-runs (or with {@code dryRun} lists) up to {@code limit} dead letters, oldest failure first. */
  public Future<RetryFailedExecutionsResponse> retryFailed(String tenant, DeadLetterFilter filter, Actor actor,
      int limit, boolean dryRun) {
    return bulkRetry.run(tenant, filter, actor, limit, dryRun);
  }
}
