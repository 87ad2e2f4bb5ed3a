package dev.baton.progress.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import dev.baton.common.status.ExecutionStatuses;
import dev.baton.proto.v1.AttemptSpan;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;
import dev.baton.proto.v1.Step;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    JsonNode payload = payload(event);
    StepFold step = steps.get(event.getStepId());
    switch (event.getType()) {
      case "EXECUTION_STARTED" -> status = ExecutionStatus.EXECUTION_STATUS_RUNNING;
      case "EXECUTION_STATUS_CHANGED" -> statusChanged(payload);
      case "EXECUTION_SUCCEEDED" -> finish(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED, event);
      case "EXECUTION_FAILED", "EXECUTION_CANCELLED" -> {
        finish(event.getType().equals("EXECUTION_FAILED")
            ? ExecutionStatus.EXECUTION_STATUS_FAILED : ExecutionStatus.EXECUTION_STATUS_CANCELLED, event);
        if (payload.hasNonNull("code") && (lastError == null || payload.path("stepId").asText("").isEmpty())) {
          lastError = ErrorInfo.newBuilder().setStepId(payload.path("stepId").asText(""))
              .setCode(payload.path("code").asText()).setMessage(payload.path("message").asText(""))
              .setNextAction("execution " + (status == ExecutionStatus.EXECUTION_STATUS_FAILED ? "failed" : "cancelled"))
              .setTime(event.getTime()).build();
        }
      }
      default -> {
        if (step != null) {
          applyToStep(step, event, payload);
        }
      }
    }
  }

  private void applyToStep(StepFold step, ExecutionEvent event, JsonNode payload) {
    int attempt = event.getAttempt();
    step.attempt = Math.max(step.attempt, attempt);
    switch (event.getType()) {
      case "STEP_STARTED" -> {
        step.status = StepStatus.STEP_STATUS_RUNNING;
        step.startTime = event.getTime();
        if (step.isForEach()) {
          // -1 (unknown) for logs written before the orchestrator put the count in the payload:
          // such a step shows 0 % until it ends.
          step.itemsTotal = payload.path("itemsTotal").asInt(-1);
        }
      }
      case "TASK_DISPATCHED" -> {
        if (step.status == StepStatus.STEP_STATUS_RETRYING || step.status == StepStatus.STEP_STATUS_PENDING) {
          step.status = StepStatus.STEP_STATUS_RUNNING;
        }
        if (step.startTime == null) {
          step.startTime = event.getTime();
        }
        step.openSpan(new StepFold.SpanKey(event.getItemIndex(), attempt), AttemptSpan.newBuilder()
            .setAttempt(attempt).setItemIndex(event.getItemIndex()).setQueuedTime(event.getTime()).setOutcome("QUEUED"));
        String child = payload.path("childExecutionId").asText("");
        if (!child.isEmpty()) {
          step.childStarted(event.getItemIndex(), child);
        }
      }
      case "ITEM_SUCCEEDED" -> {
        step.itemsDone++;
        step.childEnded(event.getItemIndex(), false);
        closeSpan(step, event, payload, "SUCCEEDED");
      }
      case "ITEM_SKIPPED" -> {
        // a recovery rule skipped the element: done, with the rule's substitute output
        step.itemsDone++;
        step.childEnded(event.getItemIndex(), false);
      }
      case "RECOVERY_APPLIED" -> recoveryApplied(step, payload);
      case "STEP_RESET" -> reset(step);
      case "STEP_SUCCEEDED" -> {
        closeSpan(step, event, payload, "SUCCEEDED");
        end(step, StepStatus.STEP_STATUS_SUCCEEDED, event);
      }
      case "ATTEMPT_FAILED" -> attemptFailed(step, event, payload);
      case "STEP_FAILED" -> {
        ErrorInfo.Builder error = ErrorInfo.newBuilder().setStepId(step.definition.getId()).setAttempt(attempt)
            .setCode(payload.path("code").asText("")).setMessage(payload.path("message").asText(""))
            .setNextAction(payload.path("branchOnly").asBoolean(false)
                ? "branch fails; other steps go on" : "step failed: execution fails")
            .setTime(event.getTime());
        step.error = error.build();
        lastError = step.error;
        end(step, StepStatus.STEP_STATUS_FAILED, event);
      }
      case "STEP_SKIPPED" -> end(step, StepStatus.STEP_STATUS_SKIPPED, event);
      case "STEP_CANCELLED" -> end(step, StepStatus.STEP_STATUS_CANCELLED, event);
      default -> {
        // TASK_REDELIVERED: the attempt's span stays open (same attempt, put on its queue again).
      }
    }
  }

  private void attemptFailed(StepFold step, ExecutionEvent event, JsonNode payload) {
    // the element's child has ended; a retry starts a new one
    step.childEnded(event.getItemIndex(), true);
    Optional<Timestamp> retryAt = time(payload.path("retryAt"));
    AttemptSpan.Builder span = closeSpan(step, event, payload, "FAILED");
    ErrorInfo.Builder error = ErrorInfo.newBuilder().setStepId(step.definition.getId()).setAttempt(event.getAttempt())
        .setCode(payload.path("code").asText("")).setMessage(payload.path("message").asText(""))
        .setTime(event.getTime());
    if (retryAt.isPresent()) {
      int next = payload.path("nextAttempt").asInt(event.getAttempt() + 1);
      error.setRetryTime(retryAt.get())
          .setNextAction("retry (attempt " + next + ") at " + payload.path("retryAt").asText());
      if (span != null) {
        span.setRetryTime(retryAt.get());
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
  private void recoveryApplied(StepFold step, JsonNode payload) {
    if (step.error == null) {
      return;
    }
    String provider = payload.path("provider").asText("");
    String next = switch (payload.path("action").asText("")) {
      case "RETRY" -> "retry (attempt " + payload.path("nextAttempt").asInt() + ") at " + payload.path("retryAt").asText();
      case "FALLBACK" -> "fall back to " + payload.path("handler").asText()
          + (provider.isEmpty() ? "" : " (provider " + provider + ")") + ", attempt "
          + payload.path("nextAttempt").asInt() + " at " + payload.path("retryAt").asText();
      case "SKIP" -> "skip" + (step.isForEach() ? " this element" : " the step") + "; downstream steps run";
      case "FAIL" -> payload.path("branchOnly").asBoolean(false) ? "branch fails; other steps go on" : "execution fails";
      case "INTERVENE" -> "waiting for a person: " + payload.path("reason").asText("");
      default -> step.error.getNextAction();
    };
    step.error = step.error.toBuilder().setNextAction(next + " (recovery rule " + payload.path("rule").asText("?") + ")")
        .build();
    lastError = step.error;
    if (payload.path("action").asText().equals("INTERVENE")) {
      step.status = StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION;
    }
    if (!step.isForEach() && (payload.path("action").asText().equals("RETRY")
        || payload.path("action").asText().equals("FALLBACK"))) {
      step.status = StepStatus.STEP_STATUS_RETRYING;
    }
  }

  /**
   * The execution waits for a person, is paused, or runs again (also after it FAILED: a person
   * re-opened it, so it has no end and its failure is no longer what happens next).
   */
  private void statusChanged(JsonNode payload) {
    ExecutionStatus next;
    try {
      next = ExecutionStatus.valueOf("EXECUTION_STATUS_" + payload.path("status").asText());
    } catch (IllegalArgumentException e) {
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
  private static AttemptSpan.Builder closeSpan(StepFold step, ExecutionEvent event, JsonNode payload, String outcome) {
    AttemptSpan.Builder span = step.spans.get(new StepFold.SpanKey(event.getItemIndex(), event.getAttempt()));
    if (span == null || !span.getOutcome().equals("QUEUED")) {
      return null;
    }
    span.setOutcome(outcome).setEndTime(event.getTime());
    time(payload.path("startedAt")).ifPresent(span::setStartTime);
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

  private static JsonNode payload(ExecutionEvent event) {
    String text = event.getPayloadJson();
    return text.isEmpty() ? Json.NODES.objectNode() : Json.parse(text);
  }

  private static Optional<Timestamp> time(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      Instant instant = Instant.parse(node.asText());
      return Optional.of(Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
