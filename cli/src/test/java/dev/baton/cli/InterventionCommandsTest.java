package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.FailStepRequest;
import dev.baton.proto.v1.Intervention;
import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.ListInterventionsResponse;
import dev.baton.proto.v1.PauseExecutionRequest;
import dev.baton.proto.v1.ResumeExecutionRequest;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.RetryStepRequest;
import dev.baton.proto.v1.SkipStepRequest;
import dev.baton.proto.v1.StepRecovery;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import dev.baton.proto.v1.WaitingStep;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** interventions, resume, retry, skip, fail, pause, unpause. */
class InterventionCommandsTest {
  private static final Intervention WHY = Intervention.newBuilder().setReason("check the lead").setNotify("ops")
      .setRule("steps.enrich.onError[0]").build();
  private static final Execution WAITING = Execution.newBuilder().setId("ex-1")
      .setStatus(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION)
      .addSteps(StepState.newBuilder().setStepId("lookup").setStatus(StepStatus.STEP_STATUS_SUCCEEDED))
      .addSteps(StepState.newBuilder().setStepId("enrich").setStatus(StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION)
          .setRecovery(StepRecovery.newBuilder().setIntervention(WHY)))
      .build();
  private static final Execution RUNNING = Execution.newBuilder().setId("ex-1")
      .setStatus(ExecutionStatus.EXECUTION_STATUS_RUNNING).build();

  private FakeWorkflowApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    api.actionResponse = RUNNING;
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void interventionsListsTheWaitingStepsWithWhyAndWhomToNotify() {
    api.interventionsResponse = ListInterventionsResponse.newBuilder().addWaiting(WaitingStep.newBuilder()
        .setExecutionId("ex-1").setWorkflowName("leads").setWorkflowVersion(2).setStepId("enrich")
        .setExecutionStatus(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION).setIntervention(WHY)).build();

    CliResult result = CliResult.run("--server", api.target(), "interventions", "--workflow", "leads");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("EXECUTION  WORKFLOW  STEP    STATUS                    SINCE")
        .contains("ex-1       leads v2  enrich  WAITING_FOR_INTERVENTION").contains("ops     check the lead");
    assertThat(api.requests(ListInterventionsRequest.class).get(0).getWorkflowName()).isEqualTo("leads");
  }

  @Test
  void resumeWithoutAStepResumesTheOnlyWaitingOneWithTheCorrectedInputAndConfig() {
    api.executions.add(WAITING);

    CliResult result = CliResult.run("--server", api.target(), "resume", "ex-1", "--input", "{\"q\":\"cto\"}",
        "--config", "{\"provider\":\"backup\"}", "--actor", "alice", "--reason", "fixed the query");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("ID    STATUS\nex-1  RUNNING\n");
    ResumeStepRequest request = api.requests(ResumeStepRequest.class).get(0);
    assertThat(request.getStepId()).isEqualTo("enrich");
    assertThat(request.getInputJson()).isEqualTo("{\"q\":\"cto\"}");
    assertThat(request.getConfigJson()).isEqualTo("{\"provider\":\"backup\"}");
    assertThat(request.getActor().getName()).isEqualTo("alice");
    assertThat(request.getActor().getReason()).isEqualTo("fixed the query");
  }

  @Test
  void resumeWithoutAStepWhenNoneWaitsSaysSo() {
    api.executions.add(RUNNING);

    CliResult result = CliResult.run("--server", api.target(), "resume", "ex-1", "--reason", "x");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("execution ex-1 has 0 steps waiting for a person");
    assertThat(api.requests(ResumeStepRequest.class)).isEmpty();
  }

  @Test
  void theActionsSendTheirStepOutputAndWhoActsWhichDefaultsToUser() {
    assertThat(CliResult.run("--server", api.target(), "retry", "ex-1", "--reason", "r1").exitCode()).isZero();
    assertThat(CliResult.run("--server", api.target(), "skip", "ex-1", "--step", "enrich", "--step-output",
        "{\"leads\":[]}", "--reason", "r2").exitCode()).isZero();
    assertThat(CliResult.run("--server", api.target(), "fail", "ex-1", "--step", "enrich", "--reason", "r3")
        .exitCode()).isZero();
    assertThat(CliResult.run("--server", api.target(), "pause", "ex-1", "--reason", "r4").exitCode()).isZero();
    assertThat(CliResult.run("--server", api.target(), "unpause", "ex-1", "--reason", "r5").exitCode()).isZero();

    RetryStepRequest retry = api.requests(RetryStepRequest.class).get(0);
    assertThat(retry.getStepId()).isEmpty();
    assertThat(retry.getActor().getReason()).isEqualTo("r1");
    String user = System.getenv().getOrDefault("USER", "unknown");
    assertThat(retry.getActor().getName()).isEqualTo(user);
    SkipStepRequest skip = api.requests(SkipStepRequest.class).get(0);
    assertThat(skip.getStepId()).isEqualTo("enrich");
    assertThat(skip.getOutputJson()).isEqualTo("{\"leads\":[]}");
    assertThat(api.requests(FailStepRequest.class).get(0).getActor().getReason()).isEqualTo("r3");
    assertThat(api.requests(PauseExecutionRequest.class).get(0).getExecutionId()).isEqualTo("ex-1");
    assertThat(api.requests(ResumeExecutionRequest.class).get(0).getActor().getReason()).isEqualTo("r5");
  }

  @Test
  void aReasonIsRequired() {
    CliResult result = CliResult.run("--server", api.target(), "pause", "ex-1");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("Missing required option: '--reason=TEXT'");
    assertThat(api.requests(PauseExecutionRequest.class)).isEmpty();
  }

  @Test
  void aRefusalOfTheServerIsPrintedAsIs() {
    api.failure = Status.FAILED_PRECONDITION.withDescription("execution_id: execution ex-1 is RUNNING (expected: PAUSED)");

    CliResult result = CliResult.run("--server", api.target(), "unpause", "ex-1", "--reason", "go");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("execution ex-1 is RUNNING (expected: PAUSED)");
  }

  @Test
  void getShowsWhyAStepWaits() {
    api.executions.add(WAITING);

    CliResult result = CliResult.run("--server", api.target(), "get", "ex-1");

    assertThat(result.out()).contains("waiting    enrich waits for a person: check the lead "
        + "(notify ops; rule steps.enrich.onError[0])");
  }
}
