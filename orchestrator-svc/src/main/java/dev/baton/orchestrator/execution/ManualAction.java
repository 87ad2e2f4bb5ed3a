package dev.baton.orchestrator.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.engine.Changes;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.engine.Interventions;
import dev.baton.orchestrator.engine.WorkflowLookup;
import dev.baton.proto.v1.Actor;

/**
 * What a person does about a step or an execution (the intervention calls), validated by the
 * caller; {@link ExecutionCalls#act} applies it to the locked execution through {@link Interventions}.
 */
public sealed interface ManualAction {
  /** Who acts and why (recorded in the event log). */
  Actor actor();

  /** Applies the action to the locked state; throws (nothing written) when the state forbids it. */
  void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes);

  /** A waiting step runs again, with a corrected input and/or handler config (null: unchanged). */
  record ResumeStep(String stepId, JsonNode input, JsonNode config, Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.resumeStep(state, stepId, input, config, actor, children, changes);
    }
  }

  /**
   * A waiting step runs again, or a FAILED execution from its failed step ({@code stepId} null:
   * the step that failed it, or the one waiting step).
   */
  record RetryStep(String stepId, Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.retryStep(state, stepId, actor, children, changes);
    }
  }

  /** A waiting step, or the failed step of a FAILED execution, is skipped with {@code output}. */
  record SkipStep(String stepId, JsonNode output, Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.skipStep(state, stepId, output, actor, children, changes);
    }
  }

  /** The waiting step fails, and the execution with it. */
  record FailStep(String stepId, Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.failStep(state, stepId, actor, changes);
    }
  }

  /** Holds the execution: nothing new is dispatched. */
  record Pause(Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.pause(state, actor, changes);
    }
  }

  /** A paused execution goes on: ready steps start, held retries are queued. */
  record Resume(Actor actor) implements ManualAction {
    @Override
    public void apply(Interventions rules, ExecutionState state, WorkflowLookup children, Changes changes) {
      rules.resume(state, actor, children, changes);
    }
  }
}
