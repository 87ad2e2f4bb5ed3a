package dev.baton.cli;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import java.time.Instant;

/** Canned executions of the lead pipeline for the fake orchestrator. */
public final class Executions {
  public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  private Executions() {}

  static Execution running() {
    return Execution.newBuilder()
        .setId("ex-1").setWorkflowName("lead-pipeline").setWorkflowVersion(3)
        .setStatus(ExecutionStatus.EXECUTION_STATUS_RUNNING)
        .setCreateTime(at(0))
        .addSteps(StepState.newBuilder().setStepId("translate").setStatus(StepStatus.STEP_STATUS_RUNNING)
            .setAttempt(1).setStartTime(at(0)))
        .build();
  }

  static Execution succeeded() {
    return running().toBuilder()
        .setStatus(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED)
        .setEndTime(at(1_200))
        .setOutputJson("{\"leads\":3}")
        .clearSteps()
        .addSteps(StepState.newBuilder().setStepId("translate").setStatus(StepStatus.STEP_STATUS_SUCCEEDED)
            .setAttempt(1).setStartTime(at(0)).setEndTime(at(300)))
        .addSteps(StepState.newBuilder().setStepId("enrich").setStatus(StepStatus.STEP_STATUS_SUCCEEDED)
            .setAttempt(2).setItemsTotal(10).setItemsDone(10).setStartTime(at(300)).setEndTime(at(1_200)))
        .build();
  }

  static Execution failed() {
    StepError down = StepError.newBuilder().setCode("PROVIDER_DOWN").setMessage("provider acme is down")
        .setStepId("enrich").setAttempt(4).build();
    return running().toBuilder()
        .setStatus(ExecutionStatus.EXECUTION_STATUS_FAILED)
        .setEndTime(at(184_000))
        .setError(down)
        .clearSteps()
        .addSteps(StepState.newBuilder().setStepId("translate").setStatus(StepStatus.STEP_STATUS_SUCCEEDED)
            .setAttempt(1).setStartTime(at(0)).setEndTime(at(300)))
        .addSteps(StepState.newBuilder().setStepId("enrich").setStatus(StepStatus.STEP_STATUS_FAILED)
            .setAttempt(4).setItemsTotal(10).setItemsDone(3).setError(down)
            .setStartTime(at(300)).setEndTime(at(184_000)))
        .addSteps(StepState.newBuilder().setStepId("email").setStatus(StepStatus.STEP_STATUS_SKIPPED))
        .build();
  }

  public static Timestamp at(long millisAfterStart) {
    Instant t = START.plusMillis(millisAfterStart);
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
