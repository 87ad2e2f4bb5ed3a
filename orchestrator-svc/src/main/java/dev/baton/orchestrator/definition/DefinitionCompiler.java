package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a {@link WorkflowDefinition} and compiles it into a {@link CompiledWorkflow}. Reports every
 * violation at once, each naming its field ({@code steps[1] (enrich).dependsOn: unknown step 'foo'}).
 */
public final class DefinitionCompiler {
  private static final Pattern WORKFLOW_NAME = StepCompiler.QUEUE_OR_WORKFLOW_NAME;
  private static final HandlerCatalog ANY_HANDLER = (queue, handler) -> true;
  private static final WorkflowCatalog ANY_WORKFLOW = name -> true;

  private final HandlerCatalog handlers;
  private final WorkflowCatalog workflows;

  public DefinitionCompiler(HandlerCatalog handlers, WorkflowCatalog workflows) {
    this.handlers = requireNonNull(handlers, "handlers");
    this.workflows = requireNonNull(workflows, "workflows");
  }

  /** @throws InvalidDefinitionException with all violations found */
  public CompiledWorkflow compile(WorkflowDefinition definition) throws InvalidDefinitionException {
    requireNonNull(definition, "definition");
    Violations violations = new Violations();
    CompiledWorkflow compiled = compile(definition, violations);
    violations.throwIfAny();
    return compiled;
  }

  /**
   * Compiles a definition that was validated when it was applied, without asking the catalogs again
   * (a handler may have been unregistered since; the execution must still be able to proceed).
   *
   * @throws IllegalArgumentException when it is not valid after all (a stored definition that is
   *     invalid is a bug, not user input)
   */
  public static CompiledWorkflow compileTrusted(WorkflowDefinition definition) {
    requireNonNull(definition, "definition");
    Violations violations = new Violations();
    CompiledWorkflow compiled = new DefinitionCompiler(ANY_HANDLER, ANY_WORKFLOW).compile(definition, violations);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("stored definition of '" + definition.getName() + "' is invalid: "
          + String.join("; ", violations.list()));
    }
    return compiled;
  }

  private CompiledWorkflow compile(WorkflowDefinition definition, Violations violations) {
    checkWorkflowFields(definition, violations);
    checkBranchFailureOptIn(definition, violations);
    Set<String> ids = checkIds(definition.getStepsList(), violations);
    List<CompiledRule> defaultRules = compileDefaultRules(definition, violations);
    StepCompiler stepCompiler = new StepCompiler(definition.getName(), definition.getTaskQueue(), ids, handlers,
        workflows, defaultRules, violations);
    List<CompiledStep> steps = new ArrayList<>();
    for (int i = 0; i < definition.getStepsCount(); i++) {
      steps.add(stepCompiler.compile(i, definition.getSteps(i)));
    }
    StepGraph graph = graphOf(definition.getStepsList(), ids);
    checkCycles(definition.getStepsList(), graph, violations);
    for (int i = 0; i < steps.size(); i++) {
      checkReferences(i, steps.get(i), graph, ids, violations);
    }
    Optional<Template> output = Optional.empty();
    if (definition.hasOutput()) {
      Template template = Template.compile(StructJson.toJson(definition.getOutput()), "output", violations);
      for (Template.Located located : template.expressions()) {
        ExpressionReferences refs = located.expression().references();
        reportUnavailable(located.path(), refs, Set.of(CelEnvironment.ITEM, CelEnvironment.INDEX, CelEnvironment.ERROR),
            "the output", violations);
        refs.steps().stream().filter(id -> !ids.contains(id)).forEach(id ->
            violations.add(located.path(), "'" + located.expression().source() + "' reads unknown step '" + id + "'"));
      }
      output = Optional.of(template);
    }
    return violations.isEmpty() ? new CompiledWorkflow(definition, steps, graph, output) : null;
  }

  /**
   * The workflow's {@code onError} rules serve every handler step, so their fallback handlers must
   * exist on every queue those steps use, and their {@code if} cannot name steps: which have
   * finished depends on the step that failed.
   */
  private List<CompiledRule> compileDefaultRules(WorkflowDefinition definition, Violations violations) {
    String workflowQueue = definition.getTaskQueue().isEmpty() ? CompiledStep.DEFAULT_TASK_QUEUE : definition.getTaskQueue();
    Set<String> queues = new java.util.TreeSet<>();
    for (Step step : definition.getStepsList()) {
      if (step.getActionCase() == Step.ActionCase.HANDLER) {
        queues.add(step.getTaskQueue().isEmpty() ? workflowQueue : step.getTaskQueue());
      }
    }
    List<CompiledRule> rules = new RecoveryRuleCompiler(handlers, violations)
        .compile(definition.getOnErrorList(), "onError", "onError", true, queues);
    for (CompiledRule rule : rules) {
      if (rule.condition().isEmpty()) {
        continue;
      }
      String path = "onError[" + rule.index() + "].if";
      ExpressionReferences refs = rule.condition().get().references();
      reportUnavailable(path, refs, Set.of(CelEnvironment.ITEM, CelEnvironment.INDEX), "the workflow's onError rules",
          violations);
      refs.steps().forEach(id -> violations.add(path, "'" + rule.condition().get().source() + "' reads step '" + id
          + "' (expected: no step by name in the workflow's onError rules; which steps have finished depends on the "
          + "step that failed)"));
    }
    return rules;
  }

  /**
   * A {@code branchOnly} fail rule lets an execution succeed with a failed step; the workflow must
   * say it accepts that ({@code allowBranchFailure}), so that a reader of the workflow's top level
   * knows a SUCCEEDED execution may hold FAILED steps.
   */
  private static void checkBranchFailureOptIn(WorkflowDefinition definition, Violations violations) {
    if (definition.getAllowBranchFailure()) {
      return;
    }
    String why = "true but the workflow does not set allowBranchFailure (expected: allowBranchFailure: true on the "
        + "workflow, or branchOnly: false)";
    for (int r = 0; r < definition.getOnErrorCount(); r++) {
      if (definition.getOnError(r).getThen().getFail().getBranchOnly()) {
        violations.add("onError[" + r + "].then.fail.branchOnly", why);
      }
    }
    for (int i = 0; i < definition.getStepsCount(); i++) {
      Step step = definition.getSteps(i);
      for (int r = 0; r < step.getOnErrorCount(); r++) {
        if (step.getOnError(r).getThen().getFail().getBranchOnly()) {
          violations.add(StepCompiler.label(i, step) + ".onError[" + r + "].then.fail.branchOnly", why);
        }
      }
    }
  }

  private static void checkWorkflowFields(WorkflowDefinition definition, Violations violations) {
    if (definition.getName().isEmpty()) {
      violations.add("name", "required (expected: lower-case letters, digits and '-', 1-63 characters)");
    } else if (!WORKFLOW_NAME.matcher(definition.getName()).matches()) {
      violations.add("name", "'" + definition.getName() + "' (expected: lower-case letters, digits and '-', 1-63 characters)");
    }
    if (!definition.getTaskQueue().isEmpty() && !StepCompiler.QUEUE_OR_WORKFLOW_NAME.matcher(definition.getTaskQueue()).matches()) {
      violations.add("taskQueue", "'" + definition.getTaskQueue() + "' (expected: lower-case letters, digits and '-', 1-63 characters)");
    }
    Set<String> required = new HashSet<>();
    for (int i = 0; i < definition.getInput().getRequiredCount(); i++) {
      String key = definition.getInput().getRequired(i);
      if (key.isBlank()) {
        violations.add("input.required[" + i + "]", "empty (expected: a top-level input key)");
      } else if (!required.add(key)) {
        violations.add("input.required[" + i + "]", "duplicate '" + key + "'");
      }
    }
    if (definition.getStepsCount() == 0) {
      violations.add("steps", "at least one step is required");
    }
  }

  /** The ids that are valid and unique; the graph is built over those. */
  private static Set<String> checkIds(List<Step> steps, Violations violations) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      String id = steps.get(i).getId();
      String at = StepCompiler.label(i, steps.get(i)) + ".id";
      if (id.isEmpty()) {
        violations.add(at, "required");
      } else if (!StepCompiler.STEP_ID.matcher(id).matches()) {
        violations.add(at, "'" + id + "' (expected: letters, digits, '_' and '-', starting with a letter, 1-63 characters)");
      } else if (firstIndex.containsKey(id)) {
        violations.add(at, "duplicate id '" + id + "' (also steps[" + firstIndex.get(id) + "])");
      } else {
        firstIndex.put(id, i);
      }
    }
    return firstIndex.keySet();
  }

  private static StepGraph graphOf(List<Step> steps, Set<String> ids) {
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    for (Step step : steps) {
      if (!ids.contains(step.getId())) {
        continue;
      }
      dependencies.putIfAbsent(step.getId(), step.getDependsOnList().stream()
          .filter(dependency -> !dependency.equals(step.getId())) // reported as a self-dependency
          .toList());
    }
    return new StepGraph(dependencies);
  }

  private static void checkCycles(List<Step> steps, StepGraph graph, Violations violations) {
    for (List<String> cycle : graph.cycles()) {
      int index = indexOf(steps, cycle.get(0));
      violations.add(StepCompiler.label(index, steps.get(index)) + ".dependsOn",
          "dependency cycle " + String.join(" -> ", cycle));
    }
  }

  /**
   * An expression may read only steps that are certain to have finished before it runs: the step's
   * transitive dependencies. Reading another would work or fail depending on timing.
   */
  private static void checkReferences(int index, CompiledStep step, StepGraph graph, Set<String> ids,
      Violations violations) {
    String at = StepCompiler.label(index, step.proto());
    Set<String> upstream = graph.ancestors(step.id());
    Set<String> forEachOnly = Set.of(CelEnvironment.ITEM, CelEnvironment.INDEX);
    Set<String> onErrorOnly = Set.of(CelEnvironment.ERROR);
    boolean forEach = step.forEachItems().isPresent();
    List<Template.Located> expressions = new ArrayList<>();
    step.when().ifPresent(e -> expressions.add(new Template.Located(at + ".when", e)));
    step.forEachItems().ifPresent(e -> expressions.add(new Template.Located(at + ".forEach.items", e)));
    for (Template.Located located : expressions) {
      reportUnavailable(located.path(), located.expression().references(), union(forEachOnly, onErrorOnly),
          "'when' and 'forEach.items'", violations);
    }
    for (Template.Located located : step.input().expressions()) {
      reportUnavailable(located.path(), located.expression().references(),
          forEach ? onErrorOnly : union(forEachOnly, onErrorOnly), forEach ? "the input" : "a step without 'forEach'",
          violations);
    }
    expressions.addAll(step.input().expressions());
    for (CompiledRule rule : step.onError()) {
      if (!rule.workflowDefault() && rule.condition().isPresent()) {
        Template.Located located = new Template.Located(at + ".onError[" + rule.index() + "].if", rule.condition().get());
        if (!forEach) {
          reportUnavailable(located.path(), located.expression().references(), forEachOnly, "a step without 'forEach'",
              violations);
        }
        expressions.add(located);
      }
    }
    for (Template.Located located : expressions) {
      for (String read : located.expression().references().steps()) {
        String expression = "'" + located.expression().source() + "'";
        if (!ids.contains(read)) {
          violations.add(located.path(), expression + " reads unknown step '" + read + "'");
        } else if (!upstream.contains(read)) {
          violations.add(located.path(), expression + " reads step '" + read + "', which is not upstream of this step"
              + " (expected: a step it depends on, directly or transitively)");
        }
      }
    }
  }

  /** Reports each variable of {@code unavailable} the expression uses, saying where that variable does exist. */
  private static void reportUnavailable(String path, ExpressionReferences refs, Set<String> unavailable, String where,
      Violations violations) {
    for (String variable : List.of(CelEnvironment.ITEM, CelEnvironment.INDEX, CelEnvironment.ERROR)) {
      if (unavailable.contains(variable) && refs.variables().contains(variable)) {
        violations.add(path, "'" + variable + "' is not available in " + where + (variable.equals(CelEnvironment.ERROR)
            ? " (expected: only in the 'if' of an onError rule)"
            : " (expected: only in the input and the onError rules of a forEach step)"));
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static int indexOf(List<Step> steps, String id) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).getId().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("no step '" + id + "'");
  }
}
