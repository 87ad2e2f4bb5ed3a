package dev.baton.orchestrator.definition;

import dev.baton.proto.v1.Step;
import dev.cel.common.types.CelKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates one step on its own (fields, action, catalogs, expressions) and builds its
 * {@link CompiledStep}. What needs the whole graph (cycles, which steps an expression may read) is
 * checked by {@link DefinitionCompiler}.
 */
final class StepCompiler {
  static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");
  static final Pattern QUEUE_OR_WORKFLOW_NAME = Pattern.compile("[a-z0-9-]{1,63}");
  static final int MAX_CONCURRENCY = 1000;

  private final String workflowName;
  private final String workflowTaskQueue;
  private final Set<String> stepIds;
  private final HandlerCatalog handlers;
  private final WorkflowCatalog workflows;
  private final List<CompiledRule> workflowRules;
  private final Violations violations;

  /** @param workflowRules the workflow's default recovery rules, compiled; they follow each handler step's own */
  StepCompiler(String workflowName, String workflowTaskQueue, Set<String> stepIds, HandlerCatalog handlers,
      WorkflowCatalog workflows, List<CompiledRule> workflowRules, Violations violations) {
    this.workflowName = workflowName;
    this.workflowRules = workflowRules;
    this.workflowTaskQueue = workflowTaskQueue.isEmpty() ? CompiledStep.DEFAULT_TASK_QUEUE : workflowTaskQueue;
    this.stepIds = stepIds;
    this.handlers = handlers;
    this.workflows = workflows;
    this.violations = violations;
  }

  /** "steps[1] (enrich)", or "steps[1]" when the step has no id: the prefix of every violation about it. */
  static String label(int index, Step step) {
    return step.getId().isEmpty() ? "steps[" + index + "]" : "steps[" + index + "] (" + step.getId() + ")";
  }

  CompiledStep compile(int index, Step step) {
    String at = label(index, step);
    String taskQueue = step.getTaskQueue().isEmpty() ? workflowTaskQueue : step.getTaskQueue();
    if (!step.getTaskQueue().isEmpty()) {
      checkName(step.getTaskQueue(), at + ".taskQueue", "a task queue");
    }
    checkAction(step, at, taskQueue);
    checkDependsOn(step, at);

    Optional<Expression> when = step.getWhen().isEmpty()
        ? Optional.empty()
        : expression(step.getWhen(), at + ".when", CelKind.BOOL, "a bool");
    Optional<Expression> items = Optional.empty();
    int concurrency = CompiledStep.DEFAULT_CONCURRENCY;
    if (step.hasForEach()) {
      if (step.getForEach().getItems().isBlank()) {
        violations.add(at + ".forEach.items", "required (expected: a CEL expression that yields a list)");
      } else {
        items = expression(step.getForEach().getItems(), at + ".forEach.items", CelKind.LIST, "a list");
      }
      int requested = step.getForEach().getConcurrency();
      if (requested < 0 || requested > MAX_CONCURRENCY) {
        violations.add(at + ".forEach.concurrency", requested + " (expected: 1-" + MAX_CONCURRENCY + ", or 0 for "
            + CompiledStep.DEFAULT_CONCURRENCY + ")");
      } else if (requested > 0) {
        concurrency = requested;
      }
    }
    Template input = step.hasInput()
        ? Template.compile(StructJson.toJson(step.getInput()), at + ".input", violations)
        : Template.empty();
    Retry retry = step.hasRetry() ? RetryPolicyReader.read(step.getRetry(), at + ".retry", violations) : Retry.defaults();
    Duration startToClose = DurationField.readPositive(step.getTimeout().getStartToClose(),
        at + ".timeout.startToClose", violations).orElse(Duration.ZERO);
    Duration heartbeat = DurationField.readPositive(step.getTimeout().getHeartbeat(),
        at + ".timeout.heartbeat", violations).orElse(Duration.ZERO);
    return new CompiledStep(step, when, input, items, concurrency, retry, startToClose, heartbeat, taskQueue,
        StructJson.toJson(step.getConfig()), recoveryRules(step, at, taskQueue));
  }

  /** The step's own rules, then the workflow's defaults; none for a child-workflow step. */
  private List<CompiledRule> recoveryRules(Step step, String at, String taskQueue) {
    if (step.getActionCase() != Step.ActionCase.HANDLER) {
      if (step.getOnErrorCount() > 0) {
        violations.add(at + ".onError", "recovery rules apply to handler steps only (expected: no onError on a "
            + "'workflow' step)");
      }
      return List.of();
    }
    List<CompiledRule> rules = new ArrayList<>(new RecoveryRuleCompiler(handlers, violations)
        .compile(step.getOnErrorList(), at + ".onError", "steps." + step.getId() + ".onError", false, List.of(taskQueue)));
    if (step.hasForEach()) {
      // a waiting element would need per-element resume/skip; until then a step waits as a whole only
      for (CompiledRule rule : rules) {
        if (rule.action() instanceof RuleAction.Intervene) {
          violations.add(at + ".onError[" + rule.index() + "].then.intervene",
              "not allowed on a forEach step (expected: retry, fallback, skip or fail)");
        }
        if (rule.action() instanceof RuleAction.Fail fail && fail.branchOnly()) {
          // one element cannot end the step as a branch while the others still run
          violations.add(at + ".onError[" + rule.index() + "].then.fail.branchOnly",
              "not allowed on a forEach step (expected: false; skip the element, or fail the execution)");
        }
      }
    }
    rules.addAll(workflowRules);
    return List.copyOf(rules);
  }

  private void checkAction(Step step, String at, String taskQueue) {
    switch (step.getActionCase()) {
      case HANDLER -> {
        if (step.getHandler().isBlank()) {
          violations.add(at + ".handler", "empty (expected: a handler name)");
        } else if (!handlers.provides(taskQueue, step.getHandler())) {
          violations.add(at + ".handler", "no executor provides handler '" + step.getHandler()
              + "' on task queue '" + taskQueue + "'");
        }
        if (step.getWorkflowVersion() != 0) {
          violations.add(at + ".workflowVersion", "only valid with 'workflow', not with 'handler'");
        }
      }
      case WORKFLOW -> checkChildWorkflow(step, at);
      case ACTION_NOT_SET -> violations.add(at, "exactly one of 'handler' or 'workflow' is required");
    }
  }

  private void checkChildWorkflow(Step step, String at) {
    String child = step.getWorkflow();
    if (!checkName(child, at + ".workflow", "a workflow name")) {
      return;
    }
    if (child.equals(workflowName)) {
      violations.add(at + ".workflow", "a workflow cannot run itself as a child ('" + child + "')");
    } else if (!workflows.exists(child)) {
      violations.add(at + ".workflow", "unknown workflow '" + child + "'");
    }
    if (step.getWorkflowVersion() < 0) {
      violations.add(at + ".workflowVersion", step.getWorkflowVersion() + " (expected: >= 1, or 0 for the active version)");
    }
  }

  private void checkDependsOn(Step step, String at) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < step.getDependsOnCount(); i++) {
      String dependency = step.getDependsOn(i);
      if (dependency.equals(step.getId())) {
        violations.add(at + ".dependsOn", "a step cannot depend on itself");
      } else if (!stepIds.contains(dependency)) {
        violations.add(at + ".dependsOn", "unknown step '" + dependency + "'");
      } else if (!seen.add(dependency)) {
        violations.add(at + ".dependsOn", "'" + dependency + "' is listed twice");
      }
    }
  }

  private Optional<Expression> expression(String source, String path, CelKind expected, String expectedText) {
    return expression(source, path, expected, expectedText, violations);
  }

  /** Compiles {@code source}, checking the type it yields; empty (and a violation recorded) when it is not valid. */
  static Optional<Expression> expression(String source, String path, CelKind expected, String expectedText,
      Violations violations) {
    try {
      Expression expression = Expression.compile(source);
      CelKind actual = expression.resultType().kind();
      if (actual != expected && !actual.isDyn()) {
        violations.add(path, "'" + source + "' yields " + expression.resultType().name() + " (expected: " + expectedText + ")");
        return Optional.empty();
      }
      return Optional.of(expression);
    } catch (ExpressionException e) {
      violations.add(path, "'" + source + "': " + e.getMessage());
      return Optional.empty();
    }
  }

  private boolean checkName(String name, String path, String what) {
    if (!QUEUE_OR_WORKFLOW_NAME.matcher(name).matches()) {
      violations.add(path, "'" + name + "' (expected: " + what + " of lower-case letters, digits and '-', 1-63 characters)");
      return false;
    }
    return true;
  }
}
