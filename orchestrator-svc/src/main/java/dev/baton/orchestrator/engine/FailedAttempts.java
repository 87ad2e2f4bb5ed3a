package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.ExecutionEngine.expressionError;
import static dev.baton.orchestrator.engine.ExecutionEngine.itemOrNull;
import static dev.baton.orchestrator.engine.EventLog.log;
import static dev.baton.orchestrator.engine.UnitStarts.renderInput;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_RETRYING;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_RUNNING;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_SKIPPED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.definition.CompiledRule;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.ExpressionException;
import dev.baton.orchestrator.definition.RuleAction;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.AttemptFailed;
import dev.baton.proto.v1.ExecutionEvent.ItemSkipped;
import dev.baton.proto.v1.ExecutionEvent.RecoveryApplied;
import dev.baton.proto.v1.ExecutionEvent.StepSkipped;
import dev.baton.proto.v1.ExecutionEvent.TaskDispatched;
import dev.baton.proto.v1.StepError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * What a failed attempt leads to, in this order: another attempt by the retry policy governing it
 * (the step's {@code retry}, or a fallback's); else the first recovery rule that matches and has
 * budget left ({@link RecoveryPlanner}), whose decision is kept on the step ({@link ItemRecovery});
 * else the step fails, and the execution with it (a branch-only {@code fail} rule fails the step's
 * branch alone). Part of the {@link ExecutionEngine}: pure, it
 * only records {@link Changes}, and it uses the engine's own transitions to end or continue a step.
 */
final class FailedAttempts {
  private final ExecutionEngine engine;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Duration taskLease;
  private final TaskFactory tasks;
  private final RecoveryPlanner recovery;

  FailedAttempts(ExecutionEngine engine, Clock clock, DoubleSupplier random, Duration taskLease, TaskFactory tasks) {
    this.engine = engine;
    this.clock = clock;
    this.random = random;
    this.taskLease = taskLease;
    this.tasks = tasks;
    this.recovery = new RecoveryPlanner(random);
  }

  /**
   * A task failed. The policy governing the attempt (the step's {@code retry}, or a fallback's)
   * retries it if it may; otherwise the step's recovery rules decide; without a matching rule the
   * step fails, and the execution with it.
   */
  void onTaskFailed(ExecutionState state, TaskRecord task, StepError error, WorkflowLookup children,
      Changes changes) {
    changes.touch(state);
    StepError attributed = error.toBuilder().setStepId(task.stepId()).setAttempt(task.attempt()).build();
    changes.endTask(new TaskOutcome(task.id(), TaskStatus.FAILED, null, attributed));
    if (state.execution().isTerminal()) {
      return;
    }
    CompiledStep def = state.workflow().step(task.stepId());
    StepRecord step = state.step(task.stepId());
    step.error = attributed;
    step.dirty = true;
    ItemRecovery item = ItemRecovery.of(step.recovery, task.itemIndex());
    step.recovery = item.withFailure(attributed);
    HandlerTarget target = item.target(def);
    AttemptFailed.Builder payload = AttemptFailed.newBuilder().setCode(error.getCode()).setMessage(error.getMessage());
    EventLog.startedAt(task).ifPresent(payload::setStartedAt);
    int next = task.attempt() + 1;
    Instant now = clock.instant();
    var governing = item.governing(def, task.attempt(), step.startedAt == null ? now : step.startedAt);
    if (governing.isPresent()
        && governing.get().retry().shouldRetry(governing.get().failedAttempt(), error.getCode(), error.getRetryable())) {
      Instant due = governing.get().retry().nextAttemptAt(governing.get().failedAttempt(), clock, random);
      if (governing.get().retry().withinTotalTime(governing.get().since(), due)) {
        step.recovery = ItemRecovery.of(step.recovery, task.itemIndex()).withRetry(next);
        attemptFailed(state, task, payload, due, next, changes);
        scheduleAttempt(state, def, step, target, task.itemIndex(), next, due, changes);
        return;
      }
    }
    if (def.isChildWorkflow() || def.onError().isEmpty()) {
      attemptFailed(state, task, payload, null, next, changes);
      engine.failStep(state, step, attributed, changes);
      return;
    }
    Map<String, Object> scope = task.itemIndex() < 0 ? Scope.of(state)
        : Scope.withItem(Scope.of(state), Json.toJava(step.items.get(task.itemIndex())), task.itemIndex());
    RecoveryPlanner.Plan plan = recovery.plan(def, item, scope, attributed, target, step.startedAt, now);
    if (plan instanceof RecoveryPlanner.Apply apply) {
      applyRule(state, def, step, task, attributed, apply, payload, children, changes);
      return;
    }
    attemptFailed(state, task, payload, null, next, changes);
    engine.failStep(state, step, plan instanceof RecoveryPlanner.Broken broken ? broken.error() : attributed, changes);
  }

  /** Enacts the rule the planner chose and records it (step state and event log). */
  private void applyRule(ExecutionState state, CompiledStep def, StepRecord step, TaskRecord task, StepError error,
      RecoveryPlanner.Apply apply, AttemptFailed.Builder attemptPayload, WorkflowLookup children, Changes changes) {
    CompiledRule rule = apply.rule();
    ItemRecovery item = ItemRecovery.of(step.recovery, task.itemIndex());
    RuleAction action = rule.action();
    boolean another = action instanceof RuleAction.RetryAgain || action instanceof RuleAction.FallBack;
    int next = task.attempt() + 1;
    HandlerTarget target = action instanceof RuleAction.FallBack fallback
        ? ItemRecovery.targetOf(def, fallback) : item.target(def);
    step.recovery = item.withDecision(def, rule, error, another ? next : 0, clock.instant());
    attemptFailed(state, task, attemptPayload, another ? apply.due() : null, next, changes);
    RecoveryApplied.Builder decided = RecoveryApplied.newBuilder().setRule(rule.ref()).setRuleIndex(rule.index())
        .setWorkflowDefault(rule.workflowDefault()).setAction(EnumNames.shortName(action.kind()))
        .setCode(error.getCode());
    if (another) {
      decided.setNextAttempt(next).setRetryAt(ItemRecovery.timestamp(apply.due()))
          .setHandler(target.handler()).setProvider(target.provider());
    }
    if (action instanceof RuleAction.Fail fail && fail.branchOnly()) {
      decided.setBranchOnly(true);
    }
    if (action instanceof RuleAction.Intervene intervene) {
      decided.setReason(Interventions.reason(rule, intervene, error)).setNotify(intervene.notifyWho());
    }
    log(changes, state, step.stepId, itemOrNull(task.itemIndex()), task.attempt(),
        ExecutionEvent.newBuilder().setRecoveryApplied(decided));
    if (another) {
      scheduleAttempt(state, def, step, target, task.itemIndex(), next, apply.due(), changes);
    } else if (action instanceof RuleAction.Skip skip) {
      skipUnit(state, def, step, task, rule, skip.output().deepCopy(), children, changes);
    } else if (action instanceof RuleAction.Intervene intervene) {
      engine.interventions().startWaiting(state, step, rule, intervene, error, changes);
    } else {
      RuleAction.Fail fail = (RuleAction.Fail) action;
      StepError failure = fail.message().isEmpty() ? error
          : error.toBuilder().setMessage(fail.message() + ": " + error.getMessage()).build();
      if (fail.branchOnly()) {
        engine.failBranch(state, step, failure, children, changes);
      } else {
        engine.failStep(state, step, failure, changes);
      }
    }
  }

  /** A recovery rule skipped the step or one element: its substitute output stands in for the handler's. */
  private void skipUnit(ExecutionState state, CompiledStep def, StepRecord step, TaskRecord task, CompiledRule rule,
      JsonNode output, WorkflowLookup children, Changes changes) {
    String reason = "recovery rule " + rule.ref();
    if (def.forEachItems().isPresent()) {
      engine.completeUnit(state, task, output,
          ExecutionEvent.newBuilder().setItemSkipped(ItemSkipped.newBuilder().setReason(reason)), children, changes);
      return;
    }
    step.output = output;
    step.finish(STEP_STATUS_SKIPPED, clock.instant());
    log(changes, state, step.stepId, null, task.attempt(),
        ExecutionEvent.newBuilder().setStepSkipped(StepSkipped.newBuilder().setReason(reason)));
    engine.advance(state, children, changes);
  }

  /** The ATTEMPT_FAILED event; {@code retryAt} is when the next attempt starts, null when none follows. */
  private static void attemptFailed(ExecutionState state, TaskRecord task, AttemptFailed.Builder payload,
      Instant retryAt, int next, Changes changes) {
    if (retryAt != null) {
      payload.setRetryAt(ItemRecovery.timestamp(retryAt)).setNextAttempt(next);
    }
    log(changes, state, task.stepId(), itemOrNull(task.itemIndex()), task.attempt(),
        ExecutionEvent.newBuilder().setAttemptFailed(payload));
  }

  /**
   * Attempt {@code attempt} of {@code target}: queued now when due now, else SCHEDULED for the
   * timer. While the execution is paused it is held SCHEDULED even when due: the timer passes over
   * paused executions, and resuming queues it.
   */
  private void scheduleAttempt(ExecutionState state, CompiledStep def, StepRecord step, HandlerTarget target,
      int itemIndex, int attempt, Instant due, Changes changes) {
    Instant now = clock.instant();
    step.attempt = Math.max(step.attempt, attempt);
    JsonNode input;
    try {
      input = renderInput(Scope.of(state), def, step, itemIndex);
    } catch (ExpressionException e) {
      engine.failStep(state, step, expressionError(def, "input", e, attempt), changes);
      return;
    }
    if (due.isAfter(now) || state.execution().isPaused()) {
      if (def.forEachItems().isEmpty()) {
        step.status = STEP_STATUS_RETRYING;
      }
      changes.addTask(tasks.handlerTask(state, def, target, itemIndex, attempt, input, TaskStatus.SCHEDULED, due, null));
      return;
    }
    if (def.forEachItems().isEmpty()) {
      step.status = STEP_STATUS_RUNNING;
    }
    changes.addTask(tasks.handlerTask(state, def, target, itemIndex, attempt, input, TaskStatus.QUEUED, null,
        now.plus(taskLease)));
    log(changes, state, step.stepId, itemOrNull(itemIndex), attempt,
        ExecutionEvent.newBuilder().setTaskDispatched(TaskDispatched.newBuilder().setHandler(target.handler())));
  }
}
