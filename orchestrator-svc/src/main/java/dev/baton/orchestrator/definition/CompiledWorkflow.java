package dev.baton.orchestrator.definition;

import dev.baton.proto.v1.WorkflowDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated workflow definition in the form the execution engine walks: steps by id, the DAG in
 * both directions, compiled expressions and defaults applied. Immutable; build it with
 * {@link DefinitionCompiler}.
 */
public final class CompiledWorkflow {
  private final WorkflowDefinition definition;
  private final List<CompiledStep> steps;
  private final Map<String, CompiledStep> stepsById;
  private final Map<String, List<CompiledStep>> dependents;
  private final List<CompiledStep> roots;
  private final List<CompiledStep> sinks;
  private final Optional<Template> output;

  CompiledWorkflow(WorkflowDefinition definition, List<CompiledStep> steps, StepGraph graph, Optional<Template> output) {
    this.definition = definition;
    Map<String, CompiledStep> byId = new LinkedHashMap<>();
    steps.forEach(step -> byId.put(step.id(), step));
    this.steps = List.copyOf(steps);
    this.stepsById = byId;
    Map<String, List<CompiledStep>> downstream = new LinkedHashMap<>();
    graph.dependents().forEach((id, ids) -> downstream.put(id, ids.stream().map(byId::get).toList()));
    this.dependents = downstream;
    this.roots = steps.stream().filter(step -> step.dependsOn().isEmpty()).toList();
    this.sinks = steps.stream().filter(step -> downstream.get(step.id()).isEmpty()).toList();
    this.output = output;
  }

  public WorkflowDefinition definition() {
    return definition;
  }

  public String name() {
    return definition.getName();
  }

  /** All steps in definition order. */
  public List<CompiledStep> steps() {
    return steps;
  }

  /** @throws IllegalArgumentException when the workflow has no such step */
  public CompiledStep step(String id) {
    CompiledStep step = stepsById.get(id);
    if (step == null) {
      throw new IllegalArgumentException("step: '" + id + "' (expected one of: " + String.join(", ", stepsById.keySet()) + ")");
    }
    return step;
  }

  /** Steps without dependencies: they start with the execution. */
  public List<CompiledStep> roots() {
    return roots;
  }

  /** The steps that depend directly on {@code stepId}. */
  public List<CompiledStep> dependents(String stepId) {
    return dependents.getOrDefault(step(stepId).id(), List.of());
  }

  /** Top-level keys the input of an execution must have. */
  public List<String> requiredInputs() {
    return definition.getInput().getRequiredList();
  }

  /** The output mapping; absent means the output is an object of the {@link #sinks()}' outputs. */
  public Optional<Template> output() {
    return output;
  }

  /** Steps nothing depends on, in definition order. */
  public List<CompiledStep> sinks() {
    return sinks;
  }

  @Override
  public String toString() {
    return "CompiledWorkflow[" + name() + ", " + stepsById.keySet() + "]";
  }
}
