package dev.baton.orchestrator.engine;

import dev.baton.orchestrator.definition.CompiledRule;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.ExpressionException;
import dev.baton.orchestrator.definition.Retry;
import dev.baton.orchestrator.definition.RuleAction;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Picks the recovery rule for a failure the step's retry policy gave up on: the first rule, in
 * {@link CompiledStep#onError()} order, whose budget is not used up and whose {@code if} holds.
 * Pure: the engine enacts what it returns.
 *
 * <p>Budgets: a retry rule applies at most {@code maxAttempts} times per step (element), never to a
 * code in its {@code nonRetryable}, and not when its next attempt would start after
 * {@code maxTotalTime} from the rule's first use; a fallback rule applies once; skip and fail always;
 * intervene and a branch-only fail always, but never to a forEach element.
 */
final class RecoveryPlanner {
  private final DoubleSupplier random;

  RecoveryPlanner(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** What the rules decided. */
  sealed interface Plan permits NoRule, Apply, Broken {}

  /** No rule matched: the step fails as it would without rules. */
  record NoRule() implements Plan {}

  /** Apply {@code rule}; {@code due} is when its attempt starts (retry: after the backoff; otherwise now). */
  record Apply(CompiledRule rule, Instant due) implements Plan {}

  /** A rule's {@code if} could not be evaluated: the step fails with this error. */
  record Broken(StepError error) implements Plan {}

  /**
   * @param scope input, steps (and item, index for a forEach element) as for any expression
   * @param error the failure, attributed to its step and attempt
   * @param target the handler that failed
   */
  Plan plan(CompiledStep def, ItemRecovery item, Map<String, Object> scope, StepError error, HandlerTarget target,
      Instant stepStarted, Instant now) {
    Map<String, Object> variables = null;
    for (CompiledRule rule : def.onError()) {
      if (!hasBudget(rule, item, error)) {
        continue;
      }
      if (rule.condition().isPresent()) {
        if (variables == null) {
          variables = withError(scope, error, target, stepStarted, now);
        }
        try {
          if (!rule.condition().get().evaluateCondition(variables)) {
            continue;
          }
        } catch (ExpressionException e) {
          return new Broken(StepError.newBuilder().setCode(BuiltinCode.EXPRESSION_ERROR.name())
              .setMessage(rule.ref() + ".if: " + e.getMessage())
              .setRetryable(false).setStepId(def.id()).setAttempt(error.getAttempt()).build());
        }
      }
      if (rule.action() instanceof RuleAction.RetryAgain again) {
        Retry policy = again.policy();
        Instant due = now.plus(policy.backoff(item.uses(rule) + 1, random));
        if (!policy.withinTotalTime(item.firstUse(rule).orElse(now), due)) {
          continue;
        }
        return new Apply(rule, due);
      }
      return new Apply(rule, now);
    }
    return new NoRule();
  }

  private static boolean hasBudget(CompiledRule rule, ItemRecovery item, StepError error) {
    if (rule.action() instanceof RuleAction.RetryAgain again) {
      return item.uses(rule) < again.policy().maxAttempts() && !again.policy().nonRetryable().contains(error.getCode());
    }
    if (rule.action() instanceof RuleAction.FallBack) {
      return item.uses(rule) == 0;
    }
    if (rule.action() instanceof RuleAction.Intervene) {
      // only a whole step can wait (a forEach step's own rules cannot intervene; defaults pass over elements)
      return item.itemIndex() < 0;
    }
    if (rule.action() instanceof RuleAction.Fail fail && fail.branchOnly()) {
      // a workflow default: one element cannot end a forEach step as a branch while the others run
      return item.itemIndex() < 0;
    }
    return true; // skip and fail end the step (element): they cannot apply twice
  }

  /** The rule's view of the failure: the {@code error} variable (see workflow.proto, RecoveryRule). */
  private static Map<String, Object> withError(Map<String, Object> scope, StepError error, HandlerTarget target,
      Instant stepStarted, Instant now) {
    Map<String, Object> failure = new HashMap<>();
    failure.put("code", error.getCode());
    failure.put("message", error.getMessage());
    failure.put("retryable", error.getRetryable());
    failure.put("attempt", (long) error.getAttempt());
    failure.put("elapsedMs", stepStarted == null ? 0L : Math.max(0L, now.toEpochMilli() - stepStarted.toEpochMilli()));
    failure.put("handler", target.handler());
    failure.put("provider", target.provider());
    Map<String, Object> variables = new HashMap<>(scope);
    variables.put("error", failure);
    return variables;
  }
}
