package dev.baton.orchestrator.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.Fallback;
import dev.baton.proto.v1.RecoveryRule;
import dev.cel.common.types.CelKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Validates and compiles a list of recovery rules ({@code onError}), of a step or the workflow's
 * defaults. Only what a rule says on its own is checked here; which steps its {@code if} may read
 * is checked with the rest of the graph by {@link DefinitionCompiler}.
 */
final class RecoveryRuleCompiler {
  private static final String ACTIONS = "retry, fallback, skip, fail, intervene";

  private final HandlerCatalog handlers;
  private final Violations violations;

  RecoveryRuleCompiler(HandlerCatalog handlers, Violations violations) {
    this.handlers = handlers;
    this.violations = violations;
  }

  /**
   * @param at prefix of violations, e.g. {@code steps[1] (enrich).onError} or {@code onError}
   * @param ref prefix of the rules' names at run time, e.g. {@code steps.enrich.onError}
   * @param taskQueues where a fallback handler must be provided (the queues of the steps the rules serve)
   */
  List<CompiledRule> compile(List<RecoveryRule> rules, String at, String ref, boolean workflowDefault,
      Collection<String> taskQueues) {
    List<CompiledRule> compiled = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String path = at + "[" + i + "]";
      RecoveryRule rule = rules.get(i);
      Optional<Expression> condition = rule.getIf().isBlank()
          ? Optional.empty()
          : StepCompiler.expression(rule.getIf(), path + ".if", CelKind.BOOL, "a bool", violations);
      Optional<RuleAction> action = action(rule, path + ".then", taskQueues);
      if (action.isPresent() && (rule.getIf().isBlank() || condition.isPresent())) {
        compiled.add(new CompiledRule(ref + "[" + i + "]", i, workflowDefault, condition, action.get()));
      }
    }
    return List.copyOf(compiled);
  }

  private Optional<RuleAction> action(RecoveryRule rule, String path, Collection<String> taskQueues) {
    int before = violations.count();
    RuleAction action = switch (rule.getThen().getKindCase()) {
      case RETRY -> new RuleAction.RetryAgain(RetryPolicyReader.read(rule.getThen().getRetry(), path + ".retry",
          violations));
      case FALLBACK -> fallback(rule.getThen().getFallback(), path + ".fallback", taskQueues);
      case SKIP -> new RuleAction.Skip(rule.getThen().getSkip().hasOutput()
          ? StructJson.toJson(rule.getThen().getSkip().getOutput()) : Json.NODES.nullNode());
      case FAIL -> new RuleAction.Fail(rule.getThen().getFail().getMessage(), rule.getThen().getFail().getBranchOnly());
      case INTERVENE -> new RuleAction.Intervene(rule.getThen().getIntervene().getReason(),
          rule.getThen().getIntervene().getNotify());
      case KIND_NOT_SET -> {
        violations.add(path, "required (expected: exactly one of " + ACTIONS + ")");
        yield null;
      }
    };
    return violations.count() == before ? Optional.ofNullable(action) : Optional.empty();
  }

  private RuleAction fallback(Fallback fallback, String path, Collection<String> taskQueues) {
    Optional<String> handler = Optional.empty();
    if (!fallback.getHandler().isEmpty()) {
      handler = Optional.of(fallback.getHandler());
      for (String queue : taskQueues) {
        if (!handlers.provides(queue, fallback.getHandler())) {
          violations.add(path + ".handler", "no executor provides handler '" + fallback.getHandler()
              + "' on task queue '" + queue + "'");
        }
      }
    }
    Optional<ObjectNode> config = fallback.hasConfig() ? Optional.of(StructJson.toJson(fallback.getConfig()))
        : Optional.empty();
    if (handler.isEmpty() && config.isEmpty()) {
      violations.add(path, "set 'handler' or 'config' (a fallback to the same handler with the same config is a retry)");
    }
    Retry retry = fallback.hasRetry() ? RetryPolicyReader.read(fallback.getRetry(), path + ".retry", violations)
        : Retry.defaults();
    return new RuleAction.FallBack(handler, config, retry);
  }
}
