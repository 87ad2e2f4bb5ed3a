package dev.baton.cli;

import com.google.protobuf.Duration;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.Eta;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.StepProgress;
import dev.baton.proto.v1.StepStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Canned WatchExecution streams of the lead pipeline (translate -> enrich over 2 items -> email),
 * built event by event the way progress-svc reports them: each update carries the event and the
 * state after it.
 */
public final class ProgressUpdates {
  static final String ID = "ex-1";
  static final ErrorInfo PROVIDER_DOWN = ErrorInfo.newBuilder().setStepId("enrich").setAttempt(1)
      .setCode("PROVIDER_DOWN").setMessage("provider acme is down")
      .setNextAction("retry (attempt 2) at 2025-03-01T10:00:01Z").setTime(Executions.at(600)).build();
  static final ErrorInfo PROVIDER_GONE = ErrorInfo.newBuilder().setStepId("enrich").setAttempt(2)
      .setCode("PROVIDER_DOWN").setMessage("provider acme is gone")
      .setNextAction("no retry left: step fails").setTime(Executions.at(1_100)).build();

  private final List<ExecutionUpdate> updates = new ArrayList<>();
  private final ExecutionProgress.Builder state;
  private long sequence;

  private ProgressUpdates() {
    state = ExecutionProgress.newBuilder()
        .setExecutionId(ID).setWorkflowName("lead-pipeline").setWorkflowVersion(3)
        .setStatus(ExecutionStatus.EXECUTION_STATUS_RUNNING)
        .setCreateTime(Executions.at(0))
        .setEta(Eta.newBuilder().setAvailable(false).setBasis("no earlier successful run of lead-pipeline v3"))
        .addSteps(step("translate", "handler:audience-translator"))
        .addSteps(step("enrich", "handler:lead-enrichment").setItemsTotal(2).addDependsOn("translate"))
        .addSteps(step("email", "workflow:email-sequence").addDependsOn("enrich"));
  }

  /** A run that succeeds after one failed attempt of enrich's second item. */
  public static List<ExecutionUpdate> succeeding() {
    ProgressUpdates run = startedToEnrich();
    run.event(ExecutionEvent.Type.ITEM_SUCCEEDED, "enrich", 0, 1, s -> s.setSteps(1, s.getSteps(1).toBuilder().setItemsDone(1)), 50);
    run.attemptFailed(PROVIDER_DOWN, 50);
    run.event(ExecutionEvent.Type.TASK_DISPATCHED, "enrich", 1, 2, s -> s.setSteps(1, s.getSteps(1).toBuilder().setAttempt(2)), 50);
    run.event(ExecutionEvent.Type.ITEM_SUCCEEDED, "enrich", 1, 2, s -> s.setSteps(1, s.getSteps(1).toBuilder().setItemsDone(2)), 66.67);
    run.stepEnded("enrich", 1, StepStatus.STEP_STATUS_SUCCEEDED, 66.67);
    run.stepStarted("email", 2, 66.67);
    run.stepEnded("email", 2, StepStatus.STEP_STATUS_SUCCEEDED, 100);
    run.executionEnded(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED, ExecutionEvent.Type.EXECUTION_SUCCEEDED, 1_200);
    return run.updates;
  }

  /** A run whose enrich step fails for good on its second attempt. */
  public static List<ExecutionUpdate> failing() {
    ProgressUpdates run = startedToEnrich();
    run.attemptFailed(PROVIDER_DOWN, 33.33);
    run.event(ExecutionEvent.Type.TASK_DISPATCHED, "enrich", 0, 2, s -> s.setSteps(1, s.getSteps(1).toBuilder().setAttempt(2)), 33.33);
    run.attemptFailed(PROVIDER_GONE, 33.33);
    run.stepEnded("enrich", 1, StepStatus.STEP_STATUS_FAILED, 66.67);
    run.state.setLastError(PROVIDER_GONE.toBuilder().setNextAction("step failed: execution fails"));
    run.stepEnded("email", 2, StepStatus.STEP_STATUS_CANCELLED, 100);
    run.executionEnded(ExecutionStatus.EXECUTION_STATUS_FAILED, ExecutionEvent.Type.EXECUTION_FAILED, 1_100);
    return run.updates;
  }

  /** A run cancelled while translate runs. */
  public static List<ExecutionUpdate> cancelled() {
    ProgressUpdates run = new ProgressUpdates();
    run.snapshot();
    run.stepStarted("translate", 0, 0);
    run.stepEnded("translate", 0, StepStatus.STEP_STATUS_CANCELLED, 33.33);
    run.executionEnded(ExecutionStatus.EXECUTION_STATUS_CANCELLED, ExecutionEvent.Type.EXECUTION_CANCELLED, 400);
    return run.updates;
  }

  /** The updates a resumed stream sends: a snapshot of the state after event {@code resumeAfter}, then the later ones. */
  public static List<ExecutionUpdate> resumedAfter(List<ExecutionUpdate> run, long resumeAfter) {
    List<ExecutionUpdate> resumed = new ArrayList<>();
    ExecutionProgress at = run.get(0).getProgress();
    for (ExecutionUpdate update : run) {
      if (update.hasEvent() && update.getEvent().getSequence() <= resumeAfter) {
        at = update.getProgress();
      } else if (update.hasEvent()) {
        resumed.add(update);
      }
    }
    resumed.add(0, ExecutionUpdate.newBuilder().setSnapshot(true).setProgress(at).build());
    return resumed;
  }

  private static ProgressUpdates startedToEnrich() {
    ProgressUpdates run = new ProgressUpdates();
    run.snapshot();
    run.stepStarted("translate", 0, 0);
    run.stepEnded("translate", 0, StepStatus.STEP_STATUS_SUCCEEDED, 33.33);
    run.stepStarted("enrich", 1, 33.33);
    return run;
  }

  private void snapshot() {
    sequence = 1; // EXECUTION_STARTED
    state.setSequence(sequence);
    updates.add(ExecutionUpdate.newBuilder().setSnapshot(true).setProgress(state.build()).build());
  }

  private void stepStarted(String stepId, int index, double percent) {
    event(ExecutionEvent.Type.STEP_STARTED, stepId, -1, 1, s -> {
      s.setSteps(index, s.getSteps(index).toBuilder().setStatus(StepStatus.STEP_STATUS_RUNNING).setAttempt(1));
      s.addRunningSteps(stepId);
    }, percent);
  }

  private void stepEnded(String stepId, int index, StepStatus status, double percent) {
    ExecutionEvent.Type type = switch (status) {
      case STEP_STATUS_SUCCEEDED -> ExecutionEvent.Type.STEP_SUCCEEDED;
      case STEP_STATUS_FAILED -> ExecutionEvent.Type.STEP_FAILED;
      default -> ExecutionEvent.Type.STEP_CANCELLED;
    };
    event(type, stepId, -1, state.getSteps(index).getAttempt(), s -> {
      s.setSteps(index, s.getSteps(index).toBuilder().setStatus(status));
      List<String> running = new ArrayList<>(s.getRunningStepsList());
      running.remove(stepId);
      s.clearRunningSteps().addAllRunningSteps(running);
    }, percent);
  }

  private void attemptFailed(ErrorInfo error, double percent) {
    event(ExecutionEvent.Type.ATTEMPT_FAILED, error.getStepId(), -1, error.getAttempt(), s -> s.setLastError(error), percent);
  }

  private void executionEnded(ExecutionStatus status, ExecutionEvent.Type type, long atMillis) {
    event(type, "", -1, 0, s -> s.setStatus(status).setEndTime(Executions.at(atMillis)).clearEta(), 100);
  }

  private void event(ExecutionEvent.Type type, String stepId, int itemIndex, int attempt,
      java.util.function.Consumer<ExecutionProgress.Builder> change, double percent) {
    sequence++;
    change.accept(state);
    state.setPercent(percent).setSequence(sequence);
    ExecutionEvent event = ExecutionEvent.newBuilder().setExecutionId(ID).setSequence(sequence).setType(type)
        .setStepId(stepId).setItemIndex(itemIndex).setAttempt(attempt)
        .setTime(Executions.at(sequence * 100)).build();
    updates.add(ExecutionUpdate.newBuilder().setEvent(event).setProgress(state.build()).build());
  }

  private static StepProgress.Builder step(String id, String runs) {
    return StepProgress.newBuilder().setStepId(id).setRuns(runs).setStatus(StepStatus.STEP_STATUS_PENDING);
  }

  /** An ETA of {@code seconds} from now, as of the update. */
  public static Eta eta(long seconds) {
    return Eta.newBuilder().setAvailable(true).setRemaining(Duration.newBuilder().setSeconds(seconds))
        .setBasis("critical path translate -> enrich -> email over 3 earlier runs").setHistoryRuns(3).build();
  }
}
