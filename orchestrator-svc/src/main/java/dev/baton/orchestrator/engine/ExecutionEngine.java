package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EventLog.log;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_CANCELLED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_FAILED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_PENDING;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_RUNNING;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_SKIPPED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_SUCCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.definition.ExpressionException;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.ExecutionStarted;
import dev.baton.proto.v1.ExecutionEvent.ItemSucceeded;
import dev.baton.proto.v1.ExecutionEvent.StepCancelled;
import dev.baton.proto.v1.ExecutionEvent.StepFailed;
import dev.baton.proto.v1.ExecutionEvent.StepSkipped;
import dev.baton.proto.v1.ExecutionEvent.StepStarted;
import dev.baton.proto.v1.ExecutionEvent.StepSucceeded;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.proto.v1.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The rules of an execution: which steps are ready, what a result or failure changes, when the
 * execution ends. Pure: it reads a locked {@link ExecutionState} and records what to write in
 * {@link Changes}; it does no I/O, so every rule is unit-testable with an injected clock.
 *
 * <p>Skip semantics: a step whose {@code when} is false is SKIPPED (output null). A step with a
 * SKIPPED dependency is SKIPPED too, unless it sets {@code runIfDependenciesSkipped} or the
 * dependency was skipped by a recovery rule (which stands in an output for it). An execution
 * whose steps all SUCCEEDED or were SKIPPED has SUCCEEDED.
 *
 * <p>Branch failure (a {@code fail} rule with {@code branchOnly}): the step is FAILED and the
 * execution goes on. A FAILED step counts as finished for its dependents, which are SKIPPED as for
 * a skipped dependency (or run, with {@code runIfDependenciesSkipped}); a step can be FAILED in an
 * execution that has not ended only this way, so an execution whose steps have all ended without
 * one being CANCELLED has SUCCEEDED, its failed steps listed in EXECUTION_SUCCEEDED.
 *
 * <p>Failure semantics (retry policies, recovery rules): {@link FailedAttempts}. Waiting for a
 * person, pausing and what people do: {@link Interventions}.
 */
public final class ExecutionEngine {
  private final Clock clock;
  private final Duration taskLease;
  private final TaskFactory tasks;
  private final UnitStarts units;
  private final FailedAttempts failures;
  private final Interventions interventions;

  public ExecutionEngine(Clock clock, DoubleSupplier random, Duration taskLease) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    this.taskLease = Objects.requireNonNull(taskLease, "taskLease");
    this.tasks = new TaskFactory();
    this.units = new UnitStarts(this, clock, taskLease, tasks);
    this.failures = new FailedAttempts(this, clock, random, taskLease, tasks);
    this.interventions = new Interventions(this, clock);
  }

  /** What a person can do about a step or the execution (and steps waiting for one). */
  public Interventions interventions() {
    return interventions;
  }

  /** Builds a new execution and starts its root steps. */
  public ExecutionState start(ExecutionRecord execution, CompiledWorkflow workflow, WorkflowLookup children,
      Changes changes) {
    ExecutionState state = ExecutionState.fresh(execution, workflow);
    changes.create(state);
    log(changes, state, null, null, null, ExecutionEvent.newBuilder().setExecutionStarted(
        ExecutionStarted.newBuilder().setWorkflow(execution.workflowName).setVersion(execution.workflowVersion)));
    advance(state, children, changes);
    return state;
  }

  /** A task finished with output. The caller has already checked the task was open. */
  public void onTaskSucceeded(ExecutionState state, TaskRecord task, JsonNode output, WorkflowLookup children,
      Changes changes) {
    changes.touch(state);
    changes.endTask(new TaskOutcome(task.id(), TaskStatus.SUCCEEDED, output, null));
    if (state.execution().isTerminal()) {
      return;
    }
    StepRecord step = state.step(task.stepId());
    if (step.recovery.getHandlersTriedCount() > 0) {
      step.recovery = ItemRecovery.of(step.recovery, task.itemIndex()).withSuccess(task.attempt());
    }
    ItemSucceeded.Builder item = ItemSucceeded.newBuilder();
    EventLog.startedAt(task).ifPresent(item::setStartedAt);
    completeUnit(state, task, output == null ? NullNode.getInstance() : output,
        ExecutionEvent.newBuilder().setItemSucceeded(item), children, changes);
  }

  /**
   * The step (or one forEach element) ends with {@code output}: a handler's, or a recovery rule's
   * substitute. An element is logged as {@code itemEvent}; the step succeeds when all elements have.
   */
  void completeUnit(ExecutionState state, TaskRecord task, JsonNode output, ExecutionEvent.Builder itemEvent,
      WorkflowLookup children, Changes changes) {
    CompiledStep def = state.workflow().step(task.stepId());
    StepRecord step = state.step(task.stepId());
    Instant now = clock.instant();
    step.dirty = true;
    if (def.forEachItems().isPresent()) {
      ((ArrayNode) step.output).set(task.itemIndex(), output);
      step.itemsDone++;
      log(changes, state, step.stepId, task.itemIndex(), task.attempt(), itemEvent);
      if (step.itemsDone < step.itemsTotal) {
        startItems(state, def, step, Scope.of(state), children, changes);
        return;
      }
    } else {
      step.output = output;
    }
    step.error = null;
    step.finish(STEP_STATUS_SUCCEEDED, now);
    StepSucceeded.Builder succeeded = StepSucceeded.newBuilder();
    if (def.forEachItems().isEmpty()) {
      EventLog.startedAt(task).ifPresent(succeeded::setStartedAt);
    }
    log(changes, state, step.stepId, null, task.attempt(),
        ExecutionEvent.newBuilder().setStepSucceeded(succeeded));
    advance(state, children, changes);
  }

  /**
   * A task failed: the policy governing the attempt retries it, or a recovery rule decides, or the
   * step fails and the execution with it (see {@link FailedAttempts}).
   */
  public void onTaskFailed(ExecutionState state, TaskRecord task, StepError error, WorkflowLookup children,
      Changes changes) {
    failures.onTaskFailed(state, task, error, children, changes);
  }

  /** Cancels a running execution, its open tasks and (after commit) its children. */
  public void cancel(ExecutionState state, String reason, Changes changes) {
    changes.touch(state);
    Instant now = clock.instant();
    for (StepRecord step : state.steps().values()) {
      if (!step.isTerminal()) {
        step.finish(STEP_STATUS_CANCELLED, now);
        log(changes, state, step.stepId, null, null,
            ExecutionEvent.newBuilder().setStepCancelled(StepCancelled.getDefaultInstance()));
      }
    }
    StepError error = StepError.newBuilder().setCode(BuiltinCode.CANCELLED.name()).setMessage(reason).build();
    finishExecution(state, ExecutionStatus.EXECUTION_STATUS_CANCELLED, null, error, changes);
  }

  /**
   * Starts every PENDING step whose dependencies have all finished (none while the execution is
   * paused); ends the execution when all have.
   */
  void advance(ExecutionState state, WorkflowLookup children, Changes changes) {
    boolean progressed = true;
    while (progressed && !state.execution().isTerminal() && !state.execution().isPaused()) {
      progressed = false;
      for (CompiledStep def : state.workflow().steps()) {
        StepRecord step = state.step(def.id());
        if (step.status == STEP_STATUS_PENDING && dependenciesFinished(state, def)) {
          startStep(state, def, step, children, changes);
          progressed = true;
          if (state.execution().isTerminal()) {
            return;
          }
        }
      }
    }
    if (!state.execution().isTerminal() && state.steps().values().stream().allMatch(s -> ended(s.status))) {
      succeedExecution(state, changes);
    }
  }

  /** Ended without cancelling the execution: FAILED only as a branch while the execution runs (see class doc). */
  private static boolean ended(StepStatus status) {
    return status == STEP_STATUS_SUCCEEDED || status == STEP_STATUS_SKIPPED || status == STEP_STATUS_FAILED;
  }

  private static boolean dependenciesFinished(ExecutionState state, CompiledStep def) {
    for (String dep : def.dependsOn()) {
      if (!ended(state.step(dep).status)) {
        return false;
      }
    }
    return true;
  }

  private void startStep(ExecutionState state, CompiledStep def, StepRecord step, WorkflowLookup children,
      Changes changes) {
    Instant now = clock.instant();
    Optional<String> failedDependency = def.dependsOn().stream()
        .filter(d -> state.step(d).status == STEP_STATUS_FAILED).findFirst();
    boolean dependencySkipped = def.dependsOn().stream()
        .anyMatch(d -> state.step(d).status == STEP_STATUS_SKIPPED && !state.step(d).skippedByRule());
    if ((dependencySkipped || failedDependency.isPresent()) && !def.runIfDependenciesSkipped()) {
      skip(state, step, failedDependency.map(d -> "dependency " + d + " failed").orElse("a dependency was skipped"),
          changes);
      return;
    }
    Map<String, Object> scope = Scope.of(state);
    if (def.when().isPresent()) {
      try {
        if (!def.when().get().evaluateCondition(scope)) {
          skip(state, step, "when: " + def.when().get().source() + " was false", changes);
          return;
        }
      } catch (ExpressionException e) {
        failStep(state, step, expressionError(def, "when", e, 1), changes);
        return;
      }
    }
    // a step a person re-runs continues its attempt numbers, so idempotency keys never repeat
    int first = step.attempt + 1;
    if (first > 1) {
      step.recovery = step.recovery.toBuilder().setFirstAttempt(first).build();
    }
    step.status = STEP_STATUS_RUNNING;
    step.attempt = first;
    step.startedAt = now;
    step.dirty = true;
    if (def.forEachItems().isEmpty()) {
      log(changes, state, step.stepId, null, first, stepStarted(StepStarted.getDefaultInstance()));
      units.start(state, def, step, -1, scope, children, changes);
      return;
    }
    Object items;
    StepError itemsError = null;
    try {
      items = def.forEachItems().get().evaluate(scope);
    } catch (ExpressionException e) {
      items = null;
      itemsError = expressionError(def, "forEach.items", e, first);
    }
    if (itemsError == null && !(items instanceof List<?>)) {
      itemsError = StepError.newBuilder().setCode(BuiltinCode.EXPRESSION_ERROR.name())
          .setMessage("steps." + def.id() + ".forEach.items: expected a list, got "
              + (items == null ? "null" : items.getClass().getSimpleName()))
          .setStepId(def.id()).setAttempt(first).build();
    }
    // The element count travels with the event so that watchers (progress-svc) can weight the
    // step by elements done from the event log alone, without reading step_states.
    if (itemsError != null) {
      log(changes, state, step.stepId, null, first, stepStarted(StepStarted.getDefaultInstance()));
      failStep(state, step, itemsError, changes);
      return;
    }
    List<?> list = (List<?>) items;
    log(changes, state, step.stepId, null, first,
        stepStarted(StepStarted.newBuilder().setItemsTotal(list.size()).build()));
    step.items = (ArrayNode) Json.fromJava(list);
    step.itemsTotal = list.size();
    ArrayNode outputs = Json.MAPPER.createArrayNode();
    list.forEach(i -> outputs.addNull());
    step.output = outputs;
    if (list.isEmpty()) {
      step.finish(STEP_STATUS_SUCCEEDED, now);
      log(changes, state, step.stepId, null, first,
          ExecutionEvent.newBuilder().setStepSucceeded(StepSucceeded.getDefaultInstance()));
      return;
    }
    startItems(state, def, step, scope, children, changes);
  }

  /**
   * Starts forEach elements until the step's concurrency limit is reached (none while the execution
   * is paused). {@code scope} is built once by the caller: converting the upstream outputs for
   * every element would repeat the work.
   */
  void startItems(ExecutionState state, CompiledStep def, StepRecord step, Map<String, Object> scope,
      WorkflowLookup children, Changes changes) {
    while (step.itemsStarted < step.itemsTotal
        && step.itemsStarted - step.itemsDone < def.concurrency()
        && step.status == STEP_STATUS_RUNNING
        && !state.execution().isPaused()) {
      int index = step.itemsStarted++;
      step.dirty = true;
      units.start(state, def, step, index, scope, children, changes);
    }
  }

  private void skip(ExecutionState state, StepRecord step, String why, Changes changes) {
    step.output = NullNode.getInstance();
    step.finish(STEP_STATUS_SKIPPED, clock.instant());
    log(changes, state, step.stepId, null, null,
        ExecutionEvent.newBuilder().setStepSkipped(StepSkipped.newBuilder().setReason(why)));
  }

  void failStep(ExecutionState state, StepRecord step, StepError error, Changes changes) {
    step.error = error;
    step.finish(STEP_STATUS_FAILED, clock.instant());
    log(changes, state, step.stepId, null, error.getAttempt(), ExecutionEvent.newBuilder().setStepFailed(
        StepFailed.newBuilder().setCode(error.getCode()).setMessage(error.getMessage())));
    Instant now = clock.instant();
    for (StepRecord other : state.steps().values()) {
      if (!other.isTerminal()) {
        other.finish(STEP_STATUS_CANCELLED, now);
        log(changes, state, other.stepId, null, null, ExecutionEvent.newBuilder().setStepCancelled(
            StepCancelled.newBuilder().setReason("step " + step.stepId + " failed")));
      }
    }
    finishExecution(state, ExecutionStatus.EXECUTION_STATUS_FAILED, null, error, changes);
  }

  /**
   * A branch-only {@code fail} rule: the step is FAILED and the execution goes on; its dependents
   * are skipped when they come to start (see {@link #startStep}).
   */
  void failBranch(ExecutionState state, StepRecord step, StepError error, WorkflowLookup children, Changes changes) {
    step.error = error;
    step.finish(STEP_STATUS_FAILED, clock.instant());
    log(changes, state, step.stepId, null, error.getAttempt(), ExecutionEvent.newBuilder().setStepFailed(
        StepFailed.newBuilder().setCode(error.getCode()).setMessage(error.getMessage()).setBranchOnly(true)));
    advance(state, children, changes);
  }

  private void succeedExecution(ExecutionState state, Changes changes) {
    JsonNode output;
    Map<String, Object> scope = Scope.of(state);
    try {
      if (state.workflow().output().isPresent()) {
        output = state.workflow().output().get().render(scope);
      } else {
        ObjectNode sinks = Json.MAPPER.createObjectNode();
        for (CompiledStep sink : state.workflow().sinks()) {
          sinks.set(sink.id(), state.step(sink.id()).output);
        }
        output = sinks;
      }
    } catch (ExpressionException e) {
      StepError error = StepError.newBuilder().setCode(BuiltinCode.EXPRESSION_ERROR.name())
          .setMessage("output: " + e.getMessage()).build();
      finishExecution(state, ExecutionStatus.EXECUTION_STATUS_FAILED, null, error, changes);
      return;
    }
    finishExecution(state, ExecutionStatus.EXECUTION_STATUS_SUCCEEDED, output, null, changes);
  }

  private void finishExecution(ExecutionState state, ExecutionStatus status, JsonNode output, StepError error,
      Changes changes) {
    ExecutionRecord execution = state.execution();
    execution.finish(status, output, error, clock.instant());
    log(changes, state, null, null, null, EventLog.executionEnded(state, status, error));
    if (status != ExecutionStatus.EXECUTION_STATUS_SUCCEEDED) {
      // Handler tasks queued earlier in this same transition (a sibling started before this step
      // failed) are not rows yet, so closing open tasks misses them: drop them, or they would be
      // inserted QUEUED and dispatched for an execution that has already ended.
      changes.newTasks().removeIf(t -> t.executionId().equals(execution.id) && t.kind() == TaskKind.HANDLER);
      changes.closeOpenTasks(execution.id);
    }
    if (execution.parentExecutionId != null) {
      changes.childFinished(execution.id);
    }
  }

  static StepError expressionError(CompiledStep def, String field, ExpressionException e, int attempt) {
    return StepError.newBuilder().setCode(BuiltinCode.EXPRESSION_ERROR.name())
        .setMessage("steps." + def.id() + "." + field + ": " + e.getMessage())
        .setRetryable(false).setStepId(def.id()).setAttempt(attempt).build();
  }

  static Integer itemOrNull(int itemIndex) {
    return itemIndex < 0 ? null : itemIndex;
  }

  private static ExecutionEvent.Builder stepStarted(StepStarted started) {
    return ExecutionEvent.newBuilder().setStepStarted(started);
  }
}
