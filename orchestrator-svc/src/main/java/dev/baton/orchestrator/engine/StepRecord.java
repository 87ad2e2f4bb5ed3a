package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepRecovery;
import dev.baton.proto.v1.StepStatus;
import java.time.Instant;

/** The mutable in-transaction view of one step_states row. */
public final class StepRecord {
  public final String stepId;
  StepStatus status;
  int attempt;
  /** forEach: the evaluated element list, fixed when the step starts. */
  ArrayNode items;
  int itemsTotal;
  int itemsStarted;
  int itemsDone;
  JsonNode output;
  StepError error;
  Instant startedAt;
  Instant finishedAt;
  /** What recovery rules did; the default instance while none applied. */
  StepRecovery recovery;
  boolean dirty;

  public StepRecord(String stepId, StepStatus status, int attempt, ArrayNode items, int itemsTotal, int itemsStarted,
      int itemsDone, JsonNode output, StepError error, Instant startedAt, Instant finishedAt, StepRecovery recovery) {
    this.recovery = recovery == null ? StepRecovery.getDefaultInstance() : recovery;
    this.stepId = stepId;
    this.status = status;
    this.attempt = attempt;
    this.items = items;
    this.itemsTotal = itemsTotal;
    this.itemsStarted = itemsStarted;
    this.itemsDone = itemsDone;
    this.output = output;
    this.error = error;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
  }

  static StepRecord pending(String stepId) {
    return new StepRecord(stepId, StepStatus.STEP_STATUS_PENDING, 0, null, 0, 0, 0, null, null, null, null, null);
  }

  public StepStatus status() {
    return status;
  }

  public int attempt() {
    return attempt;
  }

  public ArrayNode items() {
    return items;
  }

  public int itemsTotal() {
    return itemsTotal;
  }

  public int itemsStarted() {
    return itemsStarted;
  }

  public int itemsDone() {
    return itemsDone;
  }

  public JsonNode output() {
    return output;
  }

  public StepError error() {
    return error;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  public StepRecovery recovery() {
    return recovery;
  }

  /**
   * SKIPPED by a recovery rule rather than by {@code when} or a skipped dependency: its dependents
   * run (with its substitute output), they are not skipped along with it.
   */
  public boolean skippedByRule() {
    if (status != StepStatus.STEP_STATUS_SKIPPED || recovery.getDecisionsCount() == 0) {
      return false;
    }
    var last = recovery.getDecisions(recovery.getDecisionsCount() - 1);
    return last.getItemIndex() < 0 && last.getAction() == RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP;
  }

  /**
   * Back to PENDING so that it runs again from scratch (a person retried or resumed it): its
   * retry policy and recovery rules start over, a person's corrections stay; its attempt number
   * stays, so the next run continues the numbering.
   */
  void resetForRerun(StepRecovery keptRecovery) {
    status = StepStatus.STEP_STATUS_PENDING;
    items = null;
    itemsTotal = 0;
    itemsStarted = 0;
    itemsDone = 0;
    output = null;
    error = null;
    startedAt = null;
    finishedAt = null;
    recovery = keptRecovery;
    dirty = true;
  }

  /** Changed by the current transition. */
  public boolean isDirty() {
    return dirty;
  }

  public boolean isTerminal() {
    return switch (status) {
      case STEP_STATUS_SUCCEEDED, STEP_STATUS_FAILED, STEP_STATUS_SKIPPED, STEP_STATUS_CANCELLED -> true;
      default -> false;
    };
  }

  /** Waits for a person (an {@code intervene} rule applied). */
  public boolean isWaiting() {
    return status == StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION;
  }

  void finish(StepStatus newStatus, Instant at) {
    if (isWaiting()) {
      recovery = recovery.toBuilder().clearIntervention().build(); // nobody waits any more
    }
    status = newStatus;
    finishedAt = at;
    dirty = true;
  }
}
