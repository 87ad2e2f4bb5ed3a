package dev.baton.orchestrator.engine;

import com.google.protobuf.Timestamp;
import dev.baton.orchestrator.definition.CompiledRule;
import dev.baton.orchestrator.definition.CompiledStep;
import dev.baton.orchestrator.definition.Retry;
import dev.baton.orchestrator.definition.RuleAction;
import dev.baton.proto.v1.HandlerRun;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.RecoveryDecision;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepRecovery;
import dev.baton.proto.v1.StepStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The recovery record of one step (itemIndex -1) or one forEach element, read from and written to
 * the step's {@link StepRecovery}. Everything the engine needs to know about recovery so far is
 * derived from that record: which handler runs now, which retry policy governs its failures, and
 * how much of each rule's budget is used. Immutable: the {@code with...} methods return the new record.
 */
final class ItemRecovery {
  private final StepRecovery record;
  private final int itemIndex;

  private ItemRecovery(StepRecovery record, int itemIndex) {
    this.record = record;
    this.itemIndex = itemIndex;
  }

  static ItemRecovery of(StepRecovery record, int itemIndex) {
    return new ItemRecovery(record == null ? StepRecovery.getDefaultInstance() : record, itemIndex);
  }

  /** The retry policy that decides about a failure, before any rule is consulted. */
  record Governing(Retry retry, int failedAttempt, Instant since) {}

  int itemIndex() {
    return itemIndex;
  }

  Optional<RecoveryDecision> lastDecision() {
    for (int i = record.getDecisionsCount() - 1; i >= 0; i--) {
      if (record.getDecisions(i).getItemIndex() == itemIndex) {
        return Optional.of(record.getDecisions(i));
      }
    }
    return Optional.empty();
  }

  private int currentRunIndex() {
    for (int i = record.getHandlersTriedCount() - 1; i >= 0; i--) {
      if (record.getHandlersTried(i).getItemIndex() == itemIndex) {
        return i;
      }
    }
    return -1;
  }

  /** What the current attempts run: the step's handler until a fallback rule switched it. */
  HandlerTarget target(CompiledStep def) {
    int run = currentRunIndex();
    if (run < 0 || record.getHandlersTried(run).getStartedBy().isEmpty()) {
      return HandlerTarget.of(def, record);
    }
    return targetOf(def, fallback(def, record.getHandlersTried(run).getStartedBy()));
  }

  /**
   * The policy that retries {@code failedAttempt} before the rules are asked: the step's own until
   * a rule applied; a fallback's own for the fallback's attempts; none after a rule's retry (its
   * next failure goes straight back to the rules, which count that rule's budget).
   */
  Optional<Governing> governing(CompiledStep def, int failedAttempt, Instant stepStarted) {
    Optional<RecoveryDecision> last = lastDecision();
    if (last.isEmpty()) {
      // counted from the attempt the step's current run began with (later than 1 after a person re-ran it)
      int first = Math.max(1, record.getFirstAttempt());
      return Optional.of(new Governing(def.retry(), failedAttempt - first + 1, stepStarted));
    }
    if (last.get().getAction() != RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK) {
      return Optional.empty();
    }
    RuleAction.FallBack fallback = fallback(def, last.get().getRule());
    int firstOfFallback = last.get().getNextAttempt();
    return Optional.of(new Governing(fallback.retry(), failedAttempt - firstOfFallback + 1, instant(last.get().getTime())));
  }

  /** How many times the rule has applied to this step (element). */
  int uses(CompiledRule rule) {
    int uses = 0;
    for (RecoveryDecision decision : record.getDecisionsList()) {
      if (decision.getItemIndex() == itemIndex && decision.getRule().equals(rule.ref())) {
        uses++;
      }
    }
    return uses;
  }

  /** When the rule first applied to this step (element). */
  Optional<Instant> firstUse(CompiledRule rule) {
    return record.getDecisionsList().stream()
        .filter(d -> d.getItemIndex() == itemIndex && d.getRule().equals(rule.ref()))
        .findFirst()
        .map(d -> instant(d.getTime()));
  }

  /**
   * Records a decision. The first one of a step (element) also opens the list of handlers tried
   * with the step's own handler, which ran attempts 1..{@code error.attempt}.
   */
  StepRecovery withDecision(CompiledStep def, CompiledRule rule, StepError error, int nextAttempt, Instant now) {
    StepRecovery.Builder b = failed(def, error);
    b.addDecisions(RecoveryDecision.newBuilder()
        .setItemIndex(itemIndex)
        .setRule(rule.ref())
        .setRuleIndex(rule.index())
        .setWorkflowDefault(rule.workflowDefault())
        .setAction(rule.action().kind())
        .setError(error)
        .setNextAttempt(nextAttempt)
        .setTime(timestamp(now)));
    int current = lastRunIndex(b);
    switch (rule.action().kind()) {
      case RECOVERY_ACTION_KIND_RETRY -> b.setHandlersTried(current, b.getHandlersTried(current).toBuilder()
          .setStatus(StepStatus.STEP_STATUS_RUNNING).setLastAttempt(nextAttempt));
      case RECOVERY_ACTION_KIND_FALLBACK -> {
        HandlerTarget target = targetOf(def, (RuleAction.FallBack) rule.action());
        b.addHandlersTried(HandlerRun.newBuilder().setItemIndex(itemIndex).setHandler(target.handler())
            .setProvider(target.provider()).setFirstAttempt(nextAttempt).setLastAttempt(nextAttempt)
            .setStatus(StepStatus.STEP_STATUS_RUNNING).setStartedBy(rule.ref()));
      }
      default -> { } // skip, fail, intervene: the current handler stays FAILED
    }
    return b.build();
  }

  /** The current handler is retried by its own policy (attempt {@code nextAttempt}); unchanged when nothing was recorded yet. */
  StepRecovery withRetry(int nextAttempt) {
    int current = currentRunIndex();
    if (current < 0) {
      return record;
    }
    return record.toBuilder().setHandlersTried(current, record.getHandlersTried(current).toBuilder()
        .setStatus(StepStatus.STEP_STATUS_RUNNING).setLastAttempt(nextAttempt)).build();
  }

  /** The current handler failed with {@code error}; unchanged when nothing was recorded yet. */
  StepRecovery withFailure(StepError error) {
    int current = currentRunIndex();
    if (current < 0) {
      return record;
    }
    return record.toBuilder().setHandlersTried(current, record.getHandlersTried(current).toBuilder()
        .setStatus(StepStatus.STEP_STATUS_FAILED).setLastAttempt(error.getAttempt()).setError(error)).build();
  }

  /** The current handler succeeded with {@code attempt}; unchanged when nothing was recorded yet. */
  StepRecovery withSuccess(int attempt) {
    int current = currentRunIndex();
    if (current < 0) {
      return record;
    }
    return record.toBuilder().setHandlersTried(current, record.getHandlersTried(current).toBuilder()
        .setStatus(StepStatus.STEP_STATUS_SUCCEEDED).setLastAttempt(attempt).clearError()).build();
  }

  /** The handler and config a fallback switches to. */
  static HandlerTarget targetOf(CompiledStep def, RuleAction.FallBack fallback) {
    return new HandlerTarget(fallback.handler().orElse(def.handler()), fallback.configOr(def.config()));
  }

  /** The record with the step's own handler entered as the first one tried, if it is not yet. */
  private StepRecovery.Builder failed(CompiledStep def, StepError error) {
    StepRecovery.Builder b = withFailure(error).toBuilder();
    if (currentRunIndex() < 0) {
      b.addHandlersTried(HandlerRun.newBuilder().setItemIndex(itemIndex).setHandler(def.handler())
          .setProvider(CompiledStep.provider(def.config())).setFirstAttempt(1).setLastAttempt(error.getAttempt())
          .setStatus(StepStatus.STEP_STATUS_FAILED).setError(error));
    }
    return b;
  }

  private int lastRunIndex(StepRecovery.Builder b) {
    for (int i = b.getHandlersTriedCount() - 1; i >= 0; i--) {
      if (b.getHandlersTried(i).getItemIndex() == itemIndex) {
        return i;
      }
    }
    throw new IllegalStateException("no handler recorded for item " + itemIndex);
  }

  private static RuleAction.FallBack fallback(CompiledStep def, String ref) {
    return def.onError().stream()
        .filter(rule -> rule.ref().equals(ref) && rule.action() instanceof RuleAction.FallBack)
        .map(rule -> (RuleAction.FallBack) rule.action())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("step " + def.id() + " has no fallback rule " + ref));
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
