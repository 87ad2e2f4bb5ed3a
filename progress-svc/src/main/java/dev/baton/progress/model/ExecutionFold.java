package dev.baton.progress.model;

import com.google.protobuf.Timestamp;
import dev.baton.common.status.ExecutionStatuses;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.AttemptSpan;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.AttemptFailed;
import dev.baton.proto.v1.ExecutionEvent.RecoveryApplied;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The progress of one execution as a left fold of its event log over its workflow definition.
 * Pure (no I/O, no clock): the state after events 1..N is the same whoever folds them, which is
 * what makes a resume snapshot equal to the live state at that sequence. The element count of a
 * forEach step comes with its STEP_STARTED event; the one fact from outside the log is the percent
 * of child executions, set by the caller. Not thread-safe: one owner mutates it.
 */
public final class ExecutionFold {
  private final ExecutionHeader header;
  private final Map<String, StepFold> steps = new LinkedHashMap<>();
  private final Map<String, Double> childPercents = new HashMap<>();
  private ExecutionStatus status = ExecutionStatus.EXECUTION_STATUS_RUNNING;
  private ErrorInfo lastError;
  private Timestamp endTime;
  private long sequence;

  public ExecutionFold(ExecutionHeader header) {
    this.header = Objects.requireNonNull(header, "header");
    for (Step step : header.definition().getStepsList()) {
      steps.put(step.getId(), new StepFold(step));
    }
  }

  public ExecutionHeader header() {
    return header;
  }

  public long sequence() {
    return sequence;
  }

  public ExecutionStatus status() {
    return status;
  }

  /** SUCCEEDED, FAILED or CANCELLED; an execution waiting for a person or paused goes on. */
  public boolean isTerminal() {
    return ExecutionStatuses.isTerminal(status);
  }

  /** Sets a child execution's percent; returns whether this execution's percent changed. */
  public boolean childPercent(String childExecutionId, double percent) {
    double before = percent();
    childPercents.put(childExecutionId, percent);
    return percent() != before;
  }

  /**
   * Child executions whose percent counts toward a running workflow step: its latest child, or for
   * a forEach step the children of elements not finished yet (at most its concurrency).
   */
  public List<String> childrenToFollow() {
    List<String> follow = new ArrayList<>();
    for (StepFold s : steps.values()) {
      if (!s.isChildWorkflow() || s.isTerminal() || s.childrenStarted == 0) {
        continue;
      }
      if (s.isForEach()) {
        follow.addAll(s.runningChildByItem.values());
      } else {
        follow.add(s.children.get(s.children.size() - 1));
      }
    }
    return follow;
  }

  /**
   * A new fold of the first {@code count} of {@code events} (this fold's log from sequence 1) with
   * the same outside facts as this one: the state a watcher resuming after event {@code count} starts from.
   */
  public ExecutionFold replay(List<ExecutionEvent> events, long count) {
    ExecutionFold copy = new ExecutionFold(header);
    copy.childPercents.putAll(childPercents);
    for (int i = 0; i < count; i++) {
      copy.apply(events.get(i));
    }
    return copy;
  }

  /**
   * An independent fold at the same sequence, with the same outside facts. Costs the size of the
   * state, not of the log (unlike {@link #replay}): a live watcher that falls behind continues from it.
   */
  public ExecutionFold copy() {
    ExecutionFold c = new ExecutionFold(header);
    steps.forEach((id, step) -> c.steps.put(id, step.copy()));
    c.childPercents.putAll(childPercents);
    c.status = status;
    c.lastError = lastError;
    c.endTime = endTime;
    c.sequence = sequence;
    return c;
  }

  /** Applies the next event; it must be number {@link #sequence()} + 1. */
  public void apply(ExecutionEvent event) {
    if (event.getSequence() != sequence + 1) {
      throw new IllegalArgumentException("event " + event.getSequence() + " of " + header.executionId()
          + " applied after " + sequence + " (expected: " + (sequence + 1) + ")");
    }
    sequence = event.getSequence();
    StepFold step = steps.get(event.getStepId());
    switch (event.getType()) {
      case EXECUTION_STARTED -> status = ExecutionStatus.EXECUTION_STATUS_RUNNING;
      case EXECUTION_STATUS_CHANGED -> statusChanged(event.getExecutionStatusChanged());
      case EXECUTION_SUCCEEDED -> finish(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED, event);
      case EXECUTION_FAILED -> {
        finish(ExecutionStatus.EXECUTION_STATUS_FAILED, event);
        ExecutionEvent.ExecutionFailed failed = event.getExecutionFailed();
        ended(failed.hasCode(), failed.getStepId(), failed.getCode(), failed.getMessage(), "failed", event);
      }
      case EXECUTION_CANCELLED -> {
        finish(ExecutionStatus.EXECUTION_STATUS_CANCELLED, event);
        ExecutionEvent.ExecutionCancelled cancelled = event.getExecutionCancelled();
        ended(cancelled.hasCode(), cancelled.getStepId(), cancelled.getCode(), cancelled.getMessage(), "cancelled",
            event);
      }
      default -> {
        if (step != null) {
          applyToStep(step, event);
        }
      }
    }
  }

  /** The execution's error becomes the last one, unless a step's error already is and this one names no step. */
  private void ended(boolean hasError, String stepId, String code, String message, String how, ExecutionEvent event) {
    if (hasError && (lastError == null || stepId.isEmpty())) {
      lastError = ErrorInfo.newBuilder().setStepId(stepId).setCode(code).setMessage(message)
          .setNextAction("execution " + how).setTime(event.getTime()).build();
    }
  }

  private void applyToStep(StepFold step, ExecutionEvent event) {
    int attempt = event.getAttempt();
    step.attempt = Math.max(step.attempt, attempt);
    switch (event.getType()) {
      case STEP_STARTED -> {
        step.status = StepStatus.STEP_STATUS_RUNNING;
        step.startTime = event.getTime();
        if (step.isForEach()) {
          // -1 (unknown) for logs written before the orchestrator put the count in the payload:
          // such a step shows 0 % until it ends.
          step.itemsTotal = event.getStepStarted().hasItemsTotal() ? event.getStepStarted().getItemsTotal() : -1;
        }
      }
      case TASK_DISPATCHED -> {
        if (step.status == StepStatus.STEP_STATUS_RETRYING || step.status == StepStatus.STEP_STATUS_PENDING) {
          step.status = StepStatus.STEP_STATUS_RUNNING;
        }
        if (step.startTime == null) {
          step.startTime = event.getTime();
        }
        step.openSpan(new StepFold.SpanKey(event.getItemIndex(), attempt), AttemptSpan.newBuilder()
            .setAttempt(attempt).setItemIndex(event.getItemIndex()).setQueuedTime(event.getTime()).setOutcome("QUEUED"));
        String child = event.getTaskDispatched().getChildExecutionId();
        if (!child.isEmpty()) {
          step.childStarted(event.getItemIndex(), child);
        }
      }
      case ITEM_SUCCEEDED -> {
        step.itemsDone++;
        step.childEnded(event.getItemIndex(), false);
        closeSpan(step, event, event.getItemSucceeded().hasStartedAt() ? event.getItemSucceeded().getStartedAt() : null,
            "SUCCEEDED");
      }
      case ITEM_SKIPPED -> {
        // a recovery rule skipped the element: done, with the rule's substitute output
        step.itemsDone++;
        step.childEnded(event.getItemIndex(), false);
      }
      case RECOVERY_APPLIED -> recoveryApplied(step, event.getRecoveryApplied());
      case STEP_RESET -> reset(step);
      case STEP_SUCCEEDED -> {
        closeSpan(step, event, event.getStepSucceeded().hasStartedAt() ? event.getStepSucceeded().getStartedAt() : null,
            "SUCCEEDED");
        end(step, StepStatus.STEP_STATUS_SUCCEEDED, event);
      }
      case ATTEMPT_FAILED -> attemptFailed(step, event, event.getAttemptFailed());
      case STEP_FAILED -> {
        ExecutionEvent.StepFailed failed = event.getStepFailed();
        ErrorInfo.Builder error = ErrorInfo.newBuilder().setStepId(step.definition.getId()).setAttempt(attempt)
            .setCode(failed.getCode()).setMessage(failed.getMessage())
            .setNextAction(failed.getBranchOnly() ? "branch fails; other steps go on" : "step failed: execution fails")
            .setTime(event.getTime());
        step.error = error.build();
        lastError = step.error;
        end(step, StepStatus.STEP_STATUS_FAILED, event);
      }
      case STEP_SKIPPED -> end(step, StepStatus.STEP_STATUS_SKIPPED, event);
      case STEP_CANCELLED -> end(step, StepStatus.STEP_STATUS_CANCELLED, event);
      default -> {
        // TASK_REDELIVERED: the attempt's span stays open (same attempt, put on its queue again).
      }
    }
  }

  private void attemptFailed(StepFold step, ExecutionEvent event, AttemptFailed failed) {
    // the element's child has ended; a retry starts a new one
    step.childEnded(event.getItemIndex(), true);
    AttemptSpan.Builder span = closeSpan(step, event, failed.hasStartedAt() ? failed.getStartedAt() : null, "FAILED");
    ErrorInfo.Builder error = ErrorInfo.newBuilder().setStepId(step.definition.getId()).setAttempt(event.getAttempt())
        .setCode(failed.getCode()).setMessage(failed.getMessage())
        .setTime(event.getTime());
    if (failed.hasRetryAt()) {
      int next = failed.hasNextAttempt() ? failed.getNextAttempt() : event.getAttempt() + 1;
      error.setRetryTime(failed.getRetryAt())
          .setNextAction("retry (attempt " + next + ") at " + text(failed.getRetryAt()));
      if (span != null) {
        span.setRetryTime(failed.getRetryAt());
      }
      if (!step.isForEach()) {
        step.status = StepStatus.STEP_STATUS_RETRYING;
      }
    } else {
      error.setNextAction("no retry left: step fails");
    }
    step.error = error.build();
    lastError = step.error;
  }

  /**
   * A recovery rule decided what follows the failure just recorded (its ATTEMPT_FAILED came first,
   * in the same transaction): the error's next action names the rule's decision instead.
   */
  private void recoveryApplied(StepFold step, RecoveryApplied decision) {
    if (step.error == null) {
      return;
    }
    RecoveryActionKind action = EnumNames.parse(RecoveryActionKind.class, decision.getAction(),
        RecoveryActionKind.UNRECOGNIZED);
    String provider = decision.getProvider();
    String next = switch (action) {
      case RECOVERY_ACTION_KIND_RETRY -> "retry (attempt " + decision.getNextAttempt() + ") at "
          + text(decision.getRetryAt());
      case RECOVERY_ACTION_KIND_FALLBACK -> "fall back to " + decision.getHandler()
          + (provider.isEmpty() ? "" : " (provider " + provider + ")") + ", attempt "
          + decision.getNextAttempt() + " at " + text(decision.getRetryAt());
      case RECOVERY_ACTION_KIND_SKIP -> "skip" + (step.isForEach() ? " this element" : " the step")
          + "; downstream steps run";
      case RECOVERY_ACTION_KIND_FAIL -> decision.getBranchOnly() ? "branch fails; other steps go on" : "execution fails";
      case RECOVERY_ACTION_KIND_INTERVENE -> "waiting for a person: " + decision.getReason();
      default -> step.error.getNextAction();
    };
    step.error = step.error.toBuilder()
        .setNextAction(next + " (recovery rule " + (decision.hasRule() ? decision.getRule() : "?") + ")").build();
    lastError = step.error;
    if (action == RecoveryActionKind.RECOVERY_ACTION_KIND_INTERVENE) {
      step.status = StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION;
    }
    if (!step.isForEach() && (action == RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY
        || action == RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK)) {
      step.status = StepStatus.STEP_STATUS_RETRYING;
    }
  }

  /**
   * The execution waits for a person, is paused, or runs again (also after it FAILED: a person
   * re-opened it, so it has no end and its failure is no longer what happens next).
   */
  private void statusChanged(ExecutionEvent.ExecutionStatusChanged changed) {
    ExecutionStatus next = EnumNames.parse(ExecutionStatus.class, changed.getStatus(), null);
    if (next == null) {
      return; // a status this version does not know: keep the last one it understood
    }
    if (isTerminal() && !ExecutionStatuses.isTerminal(next)) {
      endTime = null;
      lastError = null;
    }
    status = next;
  }

  /** A person re-runs the step from scratch: it is pending again, with no error; its attempt history stays. */
  private static void reset(StepFold step) {
    step.status = StepStatus.STEP_STATUS_PENDING;
    step.endTime = null;
    step.error = null;
    step.itemsDone = 0;
    step.runningChildByItem.clear();
    step.failedChildren.clear();
  }

  /** Ends the open span of the event's (item, attempt); returns it, or null when none was open. */
  private static AttemptSpan.Builder closeSpan(StepFold step, ExecutionEvent event, Timestamp startedAt,
      String outcome) {
    AttemptSpan.Builder span = step.spans.get(new StepFold.SpanKey(event.getItemIndex(), event.getAttempt()));
    if (span == null || !span.getOutcome().equals("QUEUED")) {
      return null;
    }
    span.setOutcome(outcome).setEndTime(event.getTime());
    if (startedAt != null) {
      span.setStartTime(startedAt);
    }
    return span;
  }

  private static void end(StepFold step, StepStatus status, ExecutionEvent event) {
    step.status = status;
    step.endTime = event.getTime();
    for (AttemptSpan.Builder span : step.spans.values()) {
      if (span.getOutcome().equals("QUEUED")) {
        span.setOutcome("CANCELLED").setEndTime(event.getTime());
      }
    }
  }

  private void finish(ExecutionStatus terminal, ExecutionEvent event) {
    status = terminal;
    endTime = event.getTime();
  }

  /** 0..100: the mean of the steps' own percents. */
  public double percent() {
    if (steps.isEmpty()) {
      return isTerminal() ? 100 : 0;
    }
    double sum = 0;
    for (StepFold step : steps.values()) {
      sum += step.percent(childPercents);
    }
    return sum / steps.size();
  }

  /** The state after the last applied event, without ETA (see {@code EtaEstimator}). */
  public ExecutionProgress progress() {
    ExecutionProgress.Builder b = ExecutionProgress.newBuilder()
        .setExecutionId(header.executionId())
        .setWorkflowName(header.workflowName())
        .setWorkflowVersion(header.workflowVersion())
        .setStatus(status)
        .setPercent(percent())
        .setCreateTime(header.createTime())
        .setSequence(sequence)
        .setParentExecutionId(header.parentExecutionId());
    for (StepFold step : steps.values()) {
      if (step.isRunning()) {
        b.addRunningSteps(step.definition.getId());
      }
      b.addSteps(step.toProto(childPercents));
    }
    if (lastError != null) {
      b.setLastError(lastError);
    }
    if (endTime != null) {
      b.setEndTime(endTime);
    }
    return b.build();
  }

  /** A time as people read it in next actions: RFC 3339, as the event log writes it (2025-01-01T00:00:10Z). */
  private static String text(Timestamp time) {
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toString();
  }
}
