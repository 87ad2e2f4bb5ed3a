package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EventLog.log;
import static dev.baton.proto.v1.ExecutionStatus.EXECUTION_STATUS_FAILED;
import static dev.baton.proto.v1.ExecutionStatus.EXECUTION_STATUS_PAUSED;
import static dev.baton.proto.v1.ExecutionStatus.EXECUTION_STATUS_RUNNING;
import static dev.baton.proto.v1.ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_CANCELLED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_FAILED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_RUNNING;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_SKIPPED;
import static dev.baton.proto.v1.StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.orchestrator.definition.CompiledRule;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.RuleAction;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.ExecutionStatusChanged;
import dev.baton.proto.v1.ExecutionEvent.Intervention.Action;
import dev.baton.proto.v1.ExecutionEvent.StepReset;
import dev.baton.proto.v1.ExecutionEvent.StepSkipped;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.Intervention;
import dev.baton.proto.v1.ManualOverride;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.RecoveryDecision;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.proto.v1.StepRecovery;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Manual intervention: a step waiting for a person ({@code intervene} rules), and what a person
 * does about a step or an execution (resume, retry, skip, fail, pause, resume the execution).
 * Part of the {@link ExecutionEngine}: pure, it records {@link Changes}. Every action checks the
 * state first and throws a FAILED_PRECONDITION {@link OrchestratorException} before changing
 * anything; the caller's transaction then rolls back.
 *
 * <p>Waiting and pausing do not stop independent branches from ending: a running attempt's result
 * is applied as usual. While an execution waits, steps not downstream of the waiting one keep
 * starting; while it is paused, none starts and retries are held.
 */
public final class Interventions {
  private final ExecutionEngine engine;
  private final Clock clock;

  Interventions(ExecutionEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /** The reason shown to people: the rule's, or one naming the rule and the failure. */
  static String reason(CompiledRule rule, RuleAction.Intervene action, StepError error) {
    return action.reason().isEmpty()
        ? "recovery rule " + rule.ref() + " matched " + error.getCode() + ": " + error.getMessage()
        : action.reason();
  }

  /** An {@code intervene} rule applied (its decision is recorded): the step and the execution wait. */
  void startWaiting(ExecutionState state, StepRecord step, CompiledRule rule, RuleAction.Intervene action, StepError error,
      Changes changes) {
    step.status = STEP_STATUS_WAITING_FOR_INTERVENTION;
    step.dirty = true;
    step.recovery = step.recovery.toBuilder().setIntervention(Intervention.newBuilder()
        .setReason(reason(rule, action, error)).setNotify(action.notifyWho()).setRule(rule.ref()).setError(error)
        .setSince(ItemRecovery.timestamp(clock.instant()))).build();
    settle(state, changes);
  }

  /** ResumeStep: the waiting step runs again, with the corrected input and/or config (null = unchanged). */
  public void resumeStep(ExecutionState state, String stepId, JsonNode input, JsonNode config, Actor actor,
      WorkflowLookup children, Changes changes) {
    StepRecord step = waitingStep(state, stepId);
    ExecutionEvent.Intervention.Builder what = ExecutionEvent.Intervention.newBuilder();
    ManualOverride.Builder override = step.recovery.getManualOverride().toBuilder();
    if (input != null) {
      override.setInputJson(Json.write(input));
      what.setInputJson(override.getInputJson());
    }
    if (config != null) {
      override.setConfigJson(Json.write(config));
      what.setConfigJson(override.getConfigJson());
    }
    changes.touch(state);
    logged(state, step.stepId, Action.RESUME_STEP, actor, what, changes);
    rerun(state, List.of(step), override.build(), "resumed by " + actor.getName(), children, changes);
  }

  /**
   * RetryStep: a waiting step runs again; or a FAILED execution runs again from its failed step
   * ({@code stepId} null = the step that failed it, or the one waiting step).
   */
  public void retryStep(ExecutionState state, String stepId, Actor actor, WorkflowLookup children, Changes changes) {
    List<StepRecord> steps;
    if (state.execution().status() == EXECUTION_STATUS_FAILED) {
      checkReopenable(state);
      steps = stepId == null
          // the step that failed the execution; a step failed as a branch earlier is left as it ended
          ? state.steps().values().stream().filter(s -> s.status == STEP_STATUS_FAILED
              && state.execution().error() != null && s.stepId.equals(state.execution().error().getStepId())).toList()
          : List.of(stepIn(state, stepId, STEP_STATUS_FAILED));
      if (steps.isEmpty()) {
        throw OrchestratorException.precondition("execution_id: execution " + state.execution().id
            + " failed without a failed step (" + describe(state.execution().error()) + "); nothing to retry");
      }
    } else {
      steps = List.of(stepId == null ? onlyWaitingStep(state) : waitingStep(state, stepId));
    }
    changes.touch(state);
    logged(state, stepId == null && steps.size() == 1 ? steps.get(0).stepId : stepId, Action.RETRY_STEP, actor,
        ExecutionEvent.Intervention.newBuilder(), changes);
    reopenIfFailed(state, changes);
    for (StepRecord step : steps) {
      rerunOne(state, step, step.recovery.getManualOverride(), "retried by " + actor.getName(), changes);
    }
    settle(state, changes);
    resumeWork(state, children, changes);
  }

  /** SkipStep: a waiting step, or the FAILED step of a FAILED execution, is skipped with {@code output}. */
  public void skipStep(ExecutionState state, String stepId, JsonNode output, Actor actor, WorkflowLookup children,
      Changes changes) {
    boolean failed = state.execution().status() == EXECUTION_STATUS_FAILED;
    if (failed) {
      checkReopenable(state);
    }
    StepRecord step = failed ? stepIn(state, stepId, STEP_STATUS_FAILED) : waitingStep(state, stepId);
    CompiledStep def = state.workflow().step(stepId);
    if (def.forEachItems().isPresent() && !output.isArray() && !output.isNull()) {
      throw OrchestratorException.invalid("output_json: step " + stepId + " is a forEach step (expected: a JSON list "
          + "of the elements' outputs, or empty)");
    }
    changes.touch(state);
    logged(state, stepId, Action.SKIP_STEP, actor,
        ExecutionEvent.Intervention.newBuilder().setOutputJson(Json.write(output)), changes);
    reopenIfFailed(state, changes);
    // recorded as a decision so that dependents run with the output (see StepRecord#skippedByRule)
    step.recovery = step.recovery.toBuilder().addDecisions(RecoveryDecision.newBuilder().setItemIndex(-1)
        .setAction(RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP).setError(step.error == null
            ? StepError.getDefaultInstance() : step.error)
        .setActor(actor.getName()).setReason(actor.getReason()).setTime(ItemRecovery.timestamp(clock.instant())))
        .build();
    step.output = output;
    step.finish(STEP_STATUS_SKIPPED, clock.instant());
    log(changes, state, step.stepId, null, step.attempt, ExecutionEvent.newBuilder().setStepSkipped(
        StepSkipped.newBuilder().setReason("skipped by " + actor.getName() + ": " + actor.getReason())));
    settle(state, changes);
    resumeWork(state, children, changes);
  }

  /** FailStep: the waiting step fails, and the execution with it. */
  public void failStep(ExecutionState state, String stepId, Actor actor, Changes changes) {
    StepRecord step = waitingStep(state, stepId);
    changes.touch(state);
    logged(state, stepId, Action.FAIL_STEP, actor, ExecutionEvent.Intervention.newBuilder(), changes);
    StepError cause = step.error == null ? StepError.getDefaultInstance() : step.error;
    engine.failStep(state, step, cause.toBuilder().setStepId(stepId).setAttempt(step.attempt)
        .setCode(cause.getCode().isEmpty() ? BuiltinCode.FAILED_BY_PERSON.name() : cause.getCode())
        .setMessage("failed by " + actor.getName() + ": " + actor.getReason()
            + (cause.getMessage().isEmpty() ? "" : " (after: " + cause.getMessage() + ")"))
        .setRetryable(false).build(), changes);
  }

  /** PauseExecution: nothing new is dispatched until {@link #resume}. */
  public void pause(ExecutionState state, Actor actor, Changes changes) {
    ExecutionRecord e = state.execution();
    if (e.status() != EXECUTION_STATUS_RUNNING && e.status() != EXECUTION_STATUS_WAITING_FOR_INTERVENTION) {
      throw OrchestratorException.precondition("execution_id: execution " + e.id + " is "
          + EnumNames.shortName(e.status()) + " (expected: RUNNING or WAITING_FOR_INTERVENTION)");
    }
    changes.touch(state);
    logged(state, null, Action.PAUSE, actor, ExecutionEvent.Intervention.newBuilder(), changes);
    changeStatus(state, EXECUTION_STATUS_PAUSED, changes);
  }

  /**
   * ResumeExecution: ready steps start and forEach steps start further elements now; attempts held
   * while paused (SCHEDULED) are queued by the timer, which passes over paused executions only.
   */
  public void resume(ExecutionState state, Actor actor, WorkflowLookup children, Changes changes) {
    ExecutionRecord e = state.execution();
    if (!e.isPaused()) {
      throw OrchestratorException.precondition("execution_id: execution " + e.id + " is "
          + EnumNames.shortName(e.status()) + " (expected: PAUSED)");
    }
    changes.touch(state);
    logged(state, null, Action.RESUME, actor, ExecutionEvent.Intervention.newBuilder(), changes);
    changeStatus(state, anyWaiting(state) ? EXECUTION_STATUS_WAITING_FOR_INTERVENTION : EXECUTION_STATUS_RUNNING,
        changes);
    resumeWork(state, children, changes);
  }

  /** Starts what a pause or a wait held back: further forEach elements, then ready steps. */
  private void resumeWork(ExecutionState state, WorkflowLookup children, Changes changes) {
    if (state.execution().isTerminal() || state.execution().isPaused()) {
      return;
    }
    Map<String, Object> scope = null;
    for (CompiledStep def : state.workflow().steps()) {
      StepRecord step = state.step(def.id());
      if (def.forEachItems().isPresent() && step.status == STEP_STATUS_RUNNING && step.itemsStarted < step.itemsTotal) {
        scope = scope == null ? Scope.of(state) : scope;
        engine.startItems(state, def, step, scope, children, changes);
      }
    }
    engine.advance(state, children, changes);
  }

  private void rerun(ExecutionState state, List<StepRecord> steps, ManualOverride override, String why,
      WorkflowLookup children, Changes changes) {
    for (StepRecord step : steps) {
      rerunOne(state, step, override, why, changes);
    }
    settle(state, changes);
    resumeWork(state, children, changes);
  }

  private void rerunOne(ExecutionState state, StepRecord step, ManualOverride override, String why, Changes changes) {
    StepRecovery kept = override.equals(ManualOverride.getDefaultInstance())
        ? StepRecovery.getDefaultInstance() : StepRecovery.newBuilder().setManualOverride(override).build();
    step.resetForRerun(kept);
    log(changes, state, step.stepId, null, step.attempt,
        ExecutionEvent.newBuilder().setStepReset(StepReset.newBuilder().setReason(why)));
  }

  /**
   * A FAILED execution runs again: RUNNING, and the steps cancelled because of the failure go back
   * to PENDING (the caller resets or skips the failed step). Succeeded and skipped steps keep their outputs.
   */
  private void reopenIfFailed(ExecutionState state, Changes changes) {
    if (state.execution().status() != EXECUTION_STATUS_FAILED) {
      return;
    }
    changeStatus(state, EXECUTION_STATUS_RUNNING, changes);
    for (StepRecord step : state.steps().values()) {
      if (step.status == STEP_STATUS_CANCELLED) {
        rerunOne(state, step, step.recovery.getManualOverride(), "execution re-opened", changes);
      }
    }
  }

  private static void checkReopenable(ExecutionState state) {
    ExecutionRecord e = state.execution();
    if (e.parentExecutionId != null) {
      throw OrchestratorException.precondition("execution_id: execution " + e.id + " is a child of execution "
          + e.parentExecutionId + ", whose step already saw it fail (expected: act on the parent execution)");
    }
  }

  /** WAITING_FOR_INTERVENTION while a step waits, else RUNNING; a paused execution stays PAUSED. */
  private void settle(ExecutionState state, Changes changes) {
    ExecutionRecord e = state.execution();
    if (e.isTerminal() || e.isPaused()) {
      return;
    }
    changeStatus(state, anyWaiting(state) ? EXECUTION_STATUS_WAITING_FOR_INTERVENTION : EXECUTION_STATUS_RUNNING,
        changes);
  }

  private void changeStatus(ExecutionState state, ExecutionStatus status, Changes changes) {
    ExecutionRecord e = state.execution();
    if (e.status() == status) {
      return;
    }
    ExecutionStatus from = e.status();
    if (from == EXECUTION_STATUS_FAILED) {
      e.reopen();
    } else {
      e.setOpenStatus(status);
    }
    log(changes, state, null, null, null, ExecutionEvent.newBuilder().setExecutionStatusChanged(
        ExecutionStatusChanged.newBuilder().setStatus(EnumNames.shortName(status)).setFrom(EnumNames.shortName(from))));
  }

  private static boolean anyWaiting(ExecutionState state) {
    return state.steps().values().stream().anyMatch(StepRecord::isWaiting);
  }

  private static void logged(ExecutionState state, String stepId, Action action, Actor actor,
      ExecutionEvent.Intervention.Builder what, Changes changes) {
    what.setAction(action).setActor(actor.getName()).setReason(actor.getReason());
    log(changes, state, stepId, null, null, ExecutionEvent.newBuilder().setIntervention(what));
  }

  private static StepRecord waitingStep(ExecutionState state, String stepId) {
    ExecutionRecord e = state.execution();
    if (e.isTerminal()) {
      throw OrchestratorException.precondition("execution_id: execution " + e.id + " already ended "
          + EnumNames.shortName(e.status()) + (e.status() == EXECUTION_STATUS_FAILED
          ? " (a FAILED execution can be re-run with RetryStep or SkipStep)" : ""));
    }
    return stepIn(state, stepId, STEP_STATUS_WAITING_FOR_INTERVENTION);
  }

  private static StepRecord onlyWaitingStep(ExecutionState state) {
    ExecutionRecord e = state.execution();
    if (e.isTerminal()) {
      throw OrchestratorException.precondition("execution_id: execution " + e.id + " already ended "
          + EnumNames.shortName(e.status()) + " (expected: FAILED, or a step waiting for a person)");
    }
    List<StepRecord> waiting = state.steps().values().stream().filter(StepRecord::isWaiting).toList();
    if (waiting.size() != 1) {
      throw OrchestratorException.precondition("step_id: execution " + e.id + " has " + waiting.size()
          + " steps waiting for a person" + (waiting.isEmpty() ? "" : " ("
          + String.join(", ", waiting.stream().map(s -> s.stepId).toList()) + "); name one"));
    }
    return waiting.get(0);
  }

  private static StepRecord stepIn(ExecutionState state, String stepId, dev.baton.proto.v1.StepStatus expected) {
    StepRecord step = state.steps().get(stepId);
    if (step == null) {
      throw OrchestratorException.invalid("step_id: execution " + state.execution().id + " has no step '" + stepId + "'");
    }
    if (step.status != expected) {
      throw OrchestratorException.precondition("step_id: step " + stepId + " is " + EnumNames.shortName(step.status)
          + " (expected: " + EnumNames.shortName(expected) + ")");
    }
    return step;
  }

  private static String describe(StepError error) {
    return error == null ? "no error recorded" : error.getCode() + ": " + error.getMessage();
  }
}
