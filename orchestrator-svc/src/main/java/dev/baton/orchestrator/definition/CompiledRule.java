package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A recovery rule ({@code onError[n]}) with its condition compiled.
 *
 * @param ref how events and the API name it: {@code steps.enrich.onError[1]}, or {@code onError[0]}
 *     for one of the workflow's default rules
 * @param index position in its list
 * @param workflowDefault one of the workflow's {@code onError} rules rather than the step's
 * @param condition the {@code if}; empty = matches every failure
 */
public record CompiledRule(String ref, int index, boolean workflowDefault, Optional<Expression> condition,
    RuleAction action) {
  public CompiledRule {
    requireNonNull(ref, "ref");
    requireNonNull(condition, "condition");
    requireNonNull(action, "action");
  }
}
