package dev.baton.progress.model;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.AttemptSpan;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.StepProgress;
import dev.baton.proto.v1.StepStatus;
import dev.baton.proto.v1.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The folded state of one step of an execution; mutated only by {@link ExecutionFold}. */
final class StepFold {
  /**
   * Attempt spans kept per step, the newest ones: a forEach over thousands of elements would
   * otherwise put thousands of spans into every update of the execution.
   */
  static final int MAX_SPANS = 32;

  final Step definition;
  StepStatus status = StepStatus.STEP_STATUS_PENDING;
  int attempt;
  int itemsTotal = -1;
  int itemsDone;
  /**
   * Child executions kept per forEach step whose attempt failed, the newest ones: a forEach over
   * thousands of child workflows would otherwise put thousands of ids into every update.
   */
  static final int MAX_FAILED_CHILDREN = 32;

  /** Child executions started, all attempts and all elements. */
  int childrenStarted;
  /** A workflow step without forEach: its child executions, one per attempt. */
  final List<String> children = new ArrayList<>();
  /** forEach over a workflow: the child execution of each element that has not finished yet. */
  final Map<Integer, String> runningChildByItem = new LinkedHashMap<>();
  /** forEach over a workflow: the newest {@link #MAX_FAILED_CHILDREN} child executions whose attempt failed. */
  final ArrayDeque<String> failedChildren = new ArrayDeque<>();
  /** The newest {@link #MAX_SPANS} attempt spans in the order they were opened, keyed by (item, attempt). */
  final Map<SpanKey, AttemptSpan.Builder> spans = new LinkedHashMap<>();
  ErrorInfo error;
  Timestamp startTime;
  Timestamp endTime;

  record SpanKey(int itemIndex, int attempt) {}

  StepFold(Step definition) {
    this.definition = definition;
  }

  /** A copy that shares nothing mutable with this one (see {@link ExecutionFold#copy}). */
  StepFold copy() {
    StepFold c = new StepFold(definition);
    c.status = status;
    c.attempt = attempt;
    c.itemsTotal = itemsTotal;
    c.itemsDone = itemsDone;
    c.childrenStarted = childrenStarted;
    c.children.addAll(children);
    c.runningChildByItem.putAll(runningChildByItem);
    c.failedChildren.addAll(failedChildren);
    spans.forEach((key, span) -> c.spans.put(key, span.clone()));
    c.error = error;
    c.startTime = startTime;
    c.endTime = endTime;
    return c;
  }

  /** Opens a span, dropping the oldest one when {@link #MAX_SPANS} are kept already. */
  void openSpan(SpanKey key, AttemptSpan.Builder span) {
    spans.put(key, span);
    if (spans.size() > MAX_SPANS) {
      spans.remove(spans.keySet().iterator().next());
    }
  }

  /** A child execution started for an attempt (of an element, in a forEach step). */
  void childStarted(int itemIndex, String child) {
    childrenStarted++;
    if (isForEach()) {
      runningChildByItem.put(itemIndex, child);
    } else {
      children.add(child);
    }
  }

  /** The element's attempt ended; a failed one's child is kept among the newest failed ones. */
  void childEnded(int itemIndex, boolean failed) {
    String child = runningChildByItem.remove(itemIndex);
    if (failed && child != null) {
      failedChildren.addLast(child);
      if (failedChildren.size() > MAX_FAILED_CHILDREN) {
        failedChildren.removeFirst();
      }
    }
  }

  /** The child executions an update names (see {@code StepProgress.child_execution_ids}). */
  List<String> childrenShown() {
    if (!isForEach()) {
      return children;
    }
    List<String> shown = new ArrayList<>(runningChildByItem.values());
    shown.addAll(failedChildren);
    return shown;
  }

  boolean isForEach() {
    return definition.hasForEach();
  }

  boolean isChildWorkflow() {
    return definition.getActionCase() == Step.ActionCase.WORKFLOW;
  }

  boolean isTerminal() {
    return switch (status) {
      case STEP_STATUS_SUCCEEDED, STEP_STATUS_FAILED, STEP_STATUS_SKIPPED, STEP_STATUS_CANCELLED -> true;
      default -> false;
    };
  }

  boolean isRunning() {
    return status == StepStatus.STEP_STATUS_RUNNING || status == StepStatus.STEP_STATUS_RETRYING;
  }

  /**
   * 0..100: finished = 100, forEach by its share of elements done (an element whose child
   * execution runs counts by that child's percent), a workflow step by its child's percent.
   */
  double percent(Map<String, Double> childPercents) {
    if (isTerminal()) {
      return 100;
    }
    if (isForEach()) {
      if (itemsTotal <= 0) {
        return 0;
      }
      double done = 100.0 * itemsDone;
      for (String child : runningChildByItem.values()) {
        done += childPercents.getOrDefault(child, 0.0);
      }
      return Math.min(100, done / itemsTotal);
    }
    if (isChildWorkflow() && !children.isEmpty()) {
      return childPercents.getOrDefault(children.get(children.size() - 1), 0.0);
    }
    return 0;
  }

  String runs() {
    return isChildWorkflow() ? "workflow:" + definition.getWorkflow() : "handler:" + definition.getHandler();
  }

  StepProgress toProto(Map<String, Double> childPercents) {
    StepProgress.Builder b = StepProgress.newBuilder()
        .setStepId(definition.getId())
        .setStatus(status)
        .setAttempt(attempt)
        .addAllDependsOn(definition.getDependsOnList())
        .setPercent(percent(childPercents))
        .setRuns(runs())
        .addAllChildExecutionIds(childrenShown())
        .setChildExecutionCount(childrenStarted);
    if (isForEach()) {
      b.setItemsTotal(Math.max(itemsTotal, 0)).setItemsDone(itemsDone);
    }
    spans.values().forEach(s -> b.addAttempts(s.build()));
    if (error != null) {
      b.setError(error);
    }
    if (startTime != null) {
      b.setStartTime(startTime);
    }
    if (endTime != null) {
      b.setEndTime(endTime);
    }
    return b.build();
  }
}
