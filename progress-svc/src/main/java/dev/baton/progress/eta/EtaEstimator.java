package dev.baton.progress.eta;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.Eta;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.StepProgress;
import dev.baton.proto.v1.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the time to completion of an execution along the remaining critical path of its DAG
 * (pure; see progress-svc/README.md). Every step that has not finished costs its median duration
 * from history, a running step only what is left of it: max(0, median - time since it started).
 * The remaining time is the longest chain of such costs through the dependency edges, so steps
 * that run in parallel count once, and a step that has no history (it was skipped in every earlier
 * run) costs nothing.
 */
public final class EtaEstimator {
  private EtaEstimator() {}

  public static Eta estimate(ExecutionProgress progress, StepHistory history, Instant now) {
    switch (progress.getStatus()) {
      case EXECUTION_STATUS_WAITING_FOR_INTERVENTION -> {
        return Eta.newBuilder().setAvailable(false).setHistoryRuns(history.runs())
            .setBasis("no estimate: a step waits for a person").build();
      }
      case EXECUTION_STATUS_PAUSED -> {
        return Eta.newBuilder().setAvailable(false).setHistoryRuns(history.runs())
            .setBasis("no estimate: the execution is paused").build();
      }
      default -> { }
    }
    if (dev.baton.common.status.ExecutionStatuses.isTerminal(progress.getStatus())) {
      Eta.Builder done = Eta.newBuilder().setAvailable(true).setRemaining(com.google.protobuf.Duration.getDefaultInstance())
          .setBasis("execution ended").setHistoryRuns(history.runs());
      if (progress.hasEndTime()) {
        done.setEstimatedEndTime(progress.getEndTime());
      }
      return done.build();
    }
    if (history.runs() == 0) {
      return Eta.newBuilder().setAvailable(false).setHistoryRuns(0)
          .setBasis("no estimate yet: no earlier successful run of version " + history.workflowVersion()).build();
    }
    Map<String, StepProgress> steps = new HashMap<>();
    progress.getStepsList().forEach(s -> steps.put(s.getStepId(), s));
    Map<String, Duration> finishAfter = new HashMap<>();
    Map<String, String> previousOnPath = new HashMap<>();
    String last = null;
    Duration longest = Duration.ZERO;
    for (StepProgress step : progress.getStepsList()) {
      Duration end = finish(step.getStepId(), steps, history, now, finishAfter, previousOnPath);
      if (last == null || end.compareTo(longest) > 0) {
        longest = end;
        last = step.getStepId();
      }
    }
    Instant end = now.plus(longest);
    return Eta.newBuilder().setAvailable(true)
        .setRemaining(com.google.protobuf.Duration.newBuilder().setSeconds(longest.getSeconds()).setNanos(longest.getNano()))
        .setEstimatedEndTime(Timestamp.newBuilder().setSeconds(end.getEpochSecond()).setNanos(end.getNano()))
        .setHistoryRuns(history.runs())
        .setBasis(basis(last, longest, previousOnPath, history))
        .build();
  }

  /** When {@code stepId} finishes, counted from now: its own remaining cost after its slowest dependency. */
  private static Duration finish(String stepId, Map<String, StepProgress> steps, StepHistory history, Instant now,
      Map<String, Duration> memo, Map<String, String> previousOnPath) {
    Duration known = memo.get(stepId);
    if (known != null) {
      return known;
    }
    StepProgress step = steps.get(stepId);
    if (step == null || isFinished(step.getStatus())) {
      memo.put(stepId, Duration.ZERO);
      return Duration.ZERO;
    }
    Duration after = Duration.ZERO;
    for (String dep : step.getDependsOnList()) {
      Duration depEnd = finish(dep, steps, history, now, memo, previousOnPath);
      boolean depUnfinished = steps.containsKey(dep) && !isFinished(steps.get(dep).getStatus());
      // the path names the slowest unfinished dependency (the first one when none costs anything)
      if (depEnd.compareTo(after) > 0 || (depUnfinished && !previousOnPath.containsKey(stepId))) {
        after = after.compareTo(depEnd) > 0 ? after : depEnd;
        previousOnPath.put(stepId, dep);
      }
    }
    Duration end = after.plus(ownCost(step, history, now));
    memo.put(stepId, end);
    return end;
  }

  private static Duration ownCost(StepProgress step, StepHistory history, Instant now) {
    Duration median = history.median(step.getStepId()).orElse(Duration.ZERO);
    if (step.getStatus() == StepStatus.STEP_STATUS_PENDING || !step.hasStartTime()) {
      return median;
    }
    Instant started = Instant.ofEpochSecond(step.getStartTime().getSeconds(), step.getStartTime().getNanos());
    Duration left = median.minus(Duration.between(started, now));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static boolean isFinished(StepStatus status) {
    return switch (status) {
      case STEP_STATUS_SUCCEEDED, STEP_STATUS_FAILED, STEP_STATUS_SKIPPED, STEP_STATUS_CANCELLED -> true;
      default -> false;
    };
  }

  private static String basis(String last, Duration remaining, Map<String, String> previousOnPath, StepHistory history) {
    Deque<String> path = new ArrayDeque<>();
    for (String s = last; s != null; s = previousOnPath.get(s)) {
      path.addFirst(s);
    }
    String runs = history.runs() + " earlier successful run" + (history.runs() == 1 ? "" : "s");
    if (remaining.isZero()) {
      return "remaining steps past their median durations; median step durations of " + runs + " of version "
          + history.workflowVersion();
    }
    return "critical path " + String.join(" -> ", List.copyOf(path)) + ": median step durations of " + runs
        + " of version " + history.workflowVersion();
  }
}
