package dev.baton.dev;

import static dev.baton.dev.TestHandlers.Counted.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.common.json.Json;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.PauseExecutionRequest;
import dev.baton.proto.v1.ResumeExecutionRequest;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.RetryStepRequest;
import dev.baton.proto.v1.SkipStepRequest;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import dev.baton.proto.v1.WaitingStep;
import dev.baton.sdk.client.BatonClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Manual intervention through the real gRPC API, PostgreSQL, Redis, executors and progress-svc:
 * a step waiting for a person, what a person does about it, pause/resume, and re-running a FAILED
 * execution; also across an orchestrator restart. Handler call counts ({@link TestHandlers.Counted})
 * prove which steps ran.
 */
class InterventionIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /** check waits for a person when its input is not valid; send gets check's output. */
  private static final String VETTED = """
      name: vetted-leads
      steps:
        - { id: fetch, handler: test-counted, input: { valid: true } }
        - id: check
          dependsOn: [fetch]
          handler: test-counted
          input: { valid: "${input.valid}" }
          onError:
            - if: "error.code == 'INVALID'"
              then: { intervene: { reason: "lead needs a look", notify: ops } }
        - { id: send, handler: test-counted, dependsOn: [check], input: { got: "${steps.check.output}" } }
      """;

  /** first runs long enough to pause the execution while it runs; second and third come after it. */
  private static final String CHAIN = """
      name: paused-chain
      steps:
        - { id: first, handler: sleep, input: { duration: 1500ms } }
        - { id: second, handler: test-counted, dependsOn: [first] }
        - { id: third, handler: test-counted, dependsOn: [second] }
      """;

  /** enrich fails its first attempt, which fails the execution; side runs in parallel. */
  private static final String RERUN = """
      name: rerun-leads
      steps:
        - { id: fetch, handler: test-counted }
        - { id: enrich, handler: test-counted, dependsOn: [fetch], config: { failures: 1 } }
        - { id: send, handler: test-counted, dependsOn: [enrich] }
      """;

  private static final Actor ALICE = Actor.newBuilder().setName("alice").setReason("checked the lead by hand").build();
  private static ManagedChannel progress;

  @BeforeAll
  static void applyWorkflows() {
    apply(stack.platform().client());
    progress = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
  }

  @AfterAll
  static void closeChannel() {
    progress.shutdownNow();
  }

  private static void apply(BatonClient client) {
    Executions.apply(client, VETTED);
    Executions.apply(client, CHAIN);
    Executions.apply(client, RERUN);
  }

  @Test
  void interveneMakesTheExecutionWaitEverywhereAndResumeWithCorrectedInputCompletesIt() {
    BatonClient client = stack.platform().client();
    Execution started = Executions.start(client, "vetted-leads", "{\"valid\":false}");
    ProgressWatch watch = ProgressWatch.start(progress, stack.admin(), started.getId(), 1);

    Execution waiting = Executions.awaitStatus(client, started.getId(),
        ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION, Duration.ofSeconds(30));

    StepState check = waiting.getSteps(1);
    assertThat(check.getStatus()).isEqualTo(StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(check.getRecovery().getIntervention().getReason()).isEqualTo("lead needs a look");
    assertThat(check.getRecovery().getIntervention().getNotify()).isEqualTo("ops");
    assertThat(check.getRecovery().getIntervention().getError().getCode()).isEqualTo("INVALID");
    assertThat(openTasks(started.getId())).as("nothing dispatched while it waits").isZero();
    assertThat(client.workflows().listInterventions(ListInterventionsRequest.newBuilder()
        .setWorkflowName("vetted-leads").build()).getWaitingList())
        .extracting(WaitingStep::getExecutionId, WaitingStep::getStepId)
        .contains(org.assertj.core.api.Assertions.tuple(started.getId(), "check"));
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.updates().stream().map(ExecutionUpdate::getProgress)
        .anyMatch(p -> p.getStatus() == ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION
            && p.getLastError().getNextAction().startsWith("waiting for a person: lead needs a look")));

    Execution resumed = client.workflows().resumeStep(ResumeStepRequest.newBuilder().setExecutionId(started.getId())
        .setStepId("check").setInputJson("{\"valid\":true,\"fixed\":1}").setActor(ALICE).build());
    assertThat(resumed.getStatus()).isIn(ExecutionStatus.EXECUTION_STATUS_RUNNING,
        ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);

    Execution done = Executions.awaitEnd(client, started.getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(Json.parse(done.getSteps(2).getOutputJson()).path("input").path("got").path("input"))
        .isEqualTo(Json.parse("{\"valid\":true,\"fixed\":1}"));
    assertThat(calls(started.getId(), "fetch")).isEqualTo(1);
    assertThat(calls(started.getId(), "check")).isEqualTo(2);
    assertThat(calls(started.getId(), "send")).isEqualTo(1);
    List<EventRows.Row> interventions = EventRows.of(stack.platform(), started.getId()).stream()
        .filter(e -> e.type().equals("INTERVENTION")).toList();
    assertThat(interventions).singleElement().satisfies(e -> {
      assertThat(e.payload().path("action").asText()).isEqualTo("RESUME_STEP");
      assertThat(e.payload().path("actor").asText()).isEqualTo("alice");
      assertThat(e.payload().path("reason").asText()).isEqualTo("checked the lead by hand");
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.end.isDone());
    watch.cancel();
  }

  @Test
  void skipWithAnOutputContinuesDownstreamWithThatOutput() {
    BatonClient client = stack.platform().client();
    Execution started = Executions.start(client, "vetted-leads", "{\"valid\":false}");
    Executions.awaitStatus(client, started.getId(), ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION,
        Duration.ofSeconds(30));

    client.workflows().skipStep(SkipStepRequest.newBuilder().setExecutionId(started.getId()).setStepId("check")
        .setOutputJson("{\"manual\":true}").setActor(ALICE).build());

    Execution done = Executions.awaitEnd(client, started.getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(done.getSteps(1).getStatus()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(Json.parse(done.getSteps(2).getOutputJson()).path("input").path("got"))
        .isEqualTo(Json.parse("{\"manual\":true}"));
    assertThat(calls(started.getId(), "check")).isEqualTo(1);
    assertThat(calls(started.getId(), "send")).isEqualTo(1);
  }

  @Test
  void aPausedExecutionDispatchesNothingUntilResumedThenCompletes() {
    BatonClient client = stack.platform().client();
    Execution started = Executions.start(client, "paused-chain", "{}");

    Execution paused = client.workflows().pauseExecution(PauseExecutionRequest.newBuilder()
        .setExecutionId(started.getId()).setActor(ALICE).build());
    assertThat(paused.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_PAUSED);

    // the running step finishes and its result is applied; the next one is not dispatched
    await().atMost(Duration.ofSeconds(15)).until(() ->
        Executions.get(client, started.getId()).getSteps(0).getStatus() == StepStatus.STEP_STATUS_SUCCEEDED);
    assertPausedWithNothingDispatchedFor(stack.platform(), started.getId(), "second", Duration.ofSeconds(1));

    client.workflows().resumeExecution(ResumeExecutionRequest.newBuilder().setExecutionId(started.getId())
        .setActor(ALICE).build());

    Execution done = Executions.awaitEnd(client, started.getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(calls(started.getId(), "second")).isEqualTo(1);
    assertThat(calls(started.getId(), "third")).isEqualTo(1);
  }

  @Test
  void retryOfAFailedExecutionRerunsItFromTheFailedStepWithoutRunningSucceededStepsAgain() {
    BatonClient client = stack.platform().client();
    Execution started = Executions.start(client, "rerun-leads", "{}");
    Execution failed = Executions.awaitEnd(client, started.getId(), Duration.ofSeconds(30));
    assertThat(failed.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    String fetchOutput = failed.getSteps(0).getOutputJson();

    Execution reopened = client.workflows().retryStep(RetryStepRequest.newBuilder().setExecutionId(started.getId())
        .setActor(ALICE).build());
    assertThat(reopened.getStatus()).isIn(ExecutionStatus.EXECUTION_STATUS_RUNNING,
        ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);

    Execution done = Executions.awaitEnd(client, started.getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(done.getSteps(0).getOutputJson()).isEqualTo(fetchOutput);
    assertThat(done.getSteps(1).getAttempt()).isEqualTo(2);
    assertThat(calls(started.getId(), "fetch")).as("succeeded before the failure: not run again").isEqualTo(1);
    assertThat(calls(started.getId(), "enrich")).isEqualTo(2);
    assertThat(calls(started.getId(), "send")).isEqualTo(1);
  }

  @Test
  void badInputNamesTheFieldAndAWrongStateIsAFailedPreconditionThatChangesNothing() {
    BatonClient client = stack.platform().client();
    Execution started = Executions.start(client, "vetted-leads", "{\"valid\":false}");
    Executions.awaitStatus(client, started.getId(), ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION,
        Duration.ofSeconds(30));
    long events = events(started.getId());

    refused(() -> client.workflows().resumeStep(ResumeStepRequest.newBuilder().setExecutionId(started.getId())
        .setStepId("check").build()), Status.Code.INVALID_ARGUMENT, "actor.name: required");
    refused(() -> client.workflows().resumeStep(ResumeStepRequest.newBuilder().setExecutionId(started.getId())
        .setStepId("check").setInputJson("{nope").setActor(ALICE).build()), Status.Code.INVALID_ARGUMENT,
        "input_json: malformed JSON");
    refused(() -> client.workflows().skipStep(SkipStepRequest.newBuilder().setExecutionId(started.getId())
        .setStepId("fetch").setActor(ALICE).build()), Status.Code.FAILED_PRECONDITION,
        "step_id: step fetch is SUCCEEDED (expected: WAITING_FOR_INTERVENTION)");
    refused(() -> client.workflows().resumeExecution(ResumeExecutionRequest.newBuilder()
        .setExecutionId(started.getId()).setActor(ALICE).build()), Status.Code.FAILED_PRECONDITION,
        "is WAITING_FOR_INTERVENTION (expected: PAUSED)");
    refused(() -> client.workflows().retryStep(RetryStepRequest.newBuilder()
        .setExecutionId("00000000-0000-0000-0000-000000000001").setActor(ALICE).build()), Status.Code.NOT_FOUND,
        "execution_id: no execution");

    assertThat(events(started.getId())).isEqualTo(events);
    assertThat(Executions.get(client, started.getId()).getStatus())
        .isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
  }

  @Test
  void aWaitingAndAPausedExecutionSurviveAnOrchestratorRestartAndCanBeResumedAfterIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port),
        "BATON_DEV_EXAMPLES", "false"))) {
      BatonClient client = platform.client();
      apply(client);
      Execution waiting = Executions.start(client, "vetted-leads", "{\"valid\":false}");
      Execution chain = Executions.start(client, "paused-chain", "{}");
      client.workflows().pauseExecution(PauseExecutionRequest.newBuilder().setExecutionId(chain.getId())
          .setActor(ALICE).build());
      Executions.awaitStatus(client, waiting.getId(), ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION,
          Duration.ofSeconds(30));

      platform.orchestrators().get(0).close();
      platform.startOrchestrator(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port)));

      await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
          Executions.get(client, chain.getId()).getSteps(0).getStatus() == StepStatus.STEP_STATUS_SUCCEEDED);
      assertPausedWithNothingDispatchedFor(platform, chain.getId(), "second", Duration.ofSeconds(1));
      assertThat(Executions.get(client, waiting.getId()).getStatus())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);

      client.workflows().resumeStep(ResumeStepRequest.newBuilder().setExecutionId(waiting.getId())
          .setStepId("check").setInputJson("{\"valid\":true}").setActor(ALICE).build());
      client.workflows().resumeExecution(ResumeExecutionRequest.newBuilder().setExecutionId(chain.getId())
          .setActor(ALICE).build());

      for (Execution e : List.of(waiting, chain)) {
        Execution done = Executions.awaitEnd(client, e.getId(), Duration.ofSeconds(30));
        assertThat(done.getStatus()).as("error: %s", done.getError())
            .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      }
      assertThat(calls(waiting.getId(), "check")).isEqualTo(2);
      assertThat(calls(chain.getId(), "second")).isEqualTo(1);
    }
  }

  /** For {@code during}: the execution stays PAUSED, the step has no task row and its handler never ran. */
  private static void assertPausedWithNothingDispatchedFor(LocalPlatform platform, String executionId, String stepId,
      Duration during) {
    BatonClient client = platform.client();
    long until = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < until) {
      assertThat(Executions.get(client, executionId).getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_PAUSED);
      assertThat(Db.count(platform, "SELECT count(*) FROM tasks WHERE execution_id = '" + executionId
          + "' AND step_id = '" + stepId + "'")).isZero();
      assertThat(calls(executionId, stepId)).isZero();
    }
  }

  private static long openTasks(String executionId) {
    return Db.count(stack.platform(), "SELECT count(*) FROM tasks WHERE execution_id = '" + executionId
        + "' AND status IN ('SCHEDULED', 'QUEUED', 'RUNNING')");
  }

  private static long events(String executionId) {
    return Db.count(stack.platform(), "SELECT count(*) FROM execution_events WHERE execution_id = '" + executionId + "'");
  }

  private static void refused(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
    });
  }
}
