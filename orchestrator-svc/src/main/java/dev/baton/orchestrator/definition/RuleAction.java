package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.proto.v1.RecoveryActionKind;
import java.util.Optional;

/** What a recovery rule does (the compiled {@code then} of {@code onError[n]}); see workflow.proto. */
public sealed interface RuleAction {

  RecoveryActionKind kind();

  /** Try the handler that just failed again; {@code policy.maxAttempts()} counts the attempts the rule adds. */
  record RetryAgain(Retry policy) implements RuleAction {
    public RetryAgain {
      requireNonNull(policy, "policy");
    }

    @Override
    public RecoveryActionKind kind() {
      return RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY;
    }
  }

  /**
   * Run another handler or the same one with other config.
   *
   * @param handler empty = the step's own handler
   * @param config empty = the step's config
   */
  record FallBack(Optional<String> handler, Optional<ObjectNode> config, Retry retry) implements RuleAction {
    public FallBack {
      requireNonNull(handler, "handler");
      requireNonNull(config, "config");
      requireNonNull(retry, "retry");
    }

    /** The config to run with: a copy, free to modify. */
    public JsonNode configOr(JsonNode stepConfig) {
      return config.<JsonNode>map(ObjectNode::deepCopy).orElse(stepConfig);
    }

    @Override
    public RecoveryActionKind kind() {
      return RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK;
    }
  }

  /** Skip the step (or the element) with {@code output} in place of the handler's. */
  record Skip(JsonNode output) implements RuleAction {
    public Skip {
      requireNonNull(output, "output");
    }

    @Override
    public RecoveryActionKind kind() {
      return RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP;
    }
  }

  /**
   * Fail the step and the execution, or with {@code branchOnly} only the step's branch (see
   * workflow.proto, FailAction); {@code message} ("" = none) is prepended to the error's.
   */
  record Fail(String message, boolean branchOnly) implements RuleAction {
    public Fail {
      requireNonNull(message, "message");
    }

    @Override
    public RecoveryActionKind kind() {
      return RecoveryActionKind.RECOVERY_ACTION_KIND_FAIL;
    }
  }

  /**
   * Stop the step and wait for a person (see workflow.proto, InterveneAction).
   *
   * @param reason "" = a default naming the rule and the error
   * @param notifyWho the rule's notify, "" = none
   */
  record Intervene(String reason, String notifyWho) implements RuleAction {
    public Intervene {
      requireNonNull(reason, "reason");
      requireNonNull(notifyWho, "notifyWho");
    }

    @Override
    public RecoveryActionKind kind() {
      return RecoveryActionKind.RECOVERY_ACTION_KIND_INTERVENE;
    }
  }
}
