package dev.baton.orchestrator.engine;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One execution as locked for a transition: its row, its steps and its (immutable) definition. */
public final class ExecutionState {
  private final ExecutionRecord execution;
  private final CompiledWorkflow workflow;
  private final Map<String, StepRecord> steps;

  public ExecutionState(ExecutionRecord execution, CompiledWorkflow workflow, Map<String, StepRecord> steps) {
    this.execution = Objects.requireNonNull(execution, "execution");
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.steps = new LinkedHashMap<>(steps);
  }

  /** A new execution: every step PENDING. */
  static ExecutionState fresh(ExecutionRecord execution, CompiledWorkflow workflow) {
    Map<String, StepRecord> steps = new LinkedHashMap<>();
    workflow.steps().forEach(s -> steps.put(s.id(), StepRecord.pending(s.id())));
    return new ExecutionState(execution, workflow, steps);
  }

  public ExecutionRecord execution() {
    return execution;
  }

  public CompiledWorkflow workflow() {
    return workflow;
  }

  public StepRecord step(String id) {
    StepRecord step = steps.get(id);
    if (step == null) {
      throw new IllegalStateException("execution " + execution.id + " has no step '" + id + "'");
    }
    return step;
  }

  public Map<String, StepRecord> steps() {
    return steps;
  }
}
