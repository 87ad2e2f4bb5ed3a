package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DAG semantics through the real gRPC API, PostgreSQL, Redis and executors. */
class WorkflowSemanticsIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  @Test
  void independentBranchesRunInParallel() {
    Executions.apply(stack.platform().client(), """
        name: parallel-branches
        steps:
          - { id: left,  handler: sleep, input: { duration: "700ms" } }
          - { id: right, handler: sleep, input: { duration: "700ms" } }
          - { id: join,  handler: noop, dependsOn: [left, right] }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "parallel-branches", "{}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    StepState left = done.getSteps(0);
    StepState right = done.getSteps(1);
    Instant leftStart = instant(left.getStartTime());
    Instant leftEnd = instant(left.getEndTime());
    Instant rightStart = instant(right.getStartTime());
    Instant rightEnd = instant(right.getEndTime());
    assertThat(rightStart).as("right starts before left ends").isBefore(leftEnd);
    assertThat(leftStart).as("left starts before right ends").isBefore(rightEnd);
    assertThat(instant(done.getSteps(2).getStartTime())).isAfterOrEqualTo(leftEnd).isAfterOrEqualTo(rightEnd);
  }

  @Test
  void failingStepIsRetriedWithBackoffThenFailsTheExecutionWithItsError() throws SQLException {
    Executions.apply(stack.platform().client(), """
        name: always-failing
        steps:
          - id: flaky
            handler: test-fail
            config: { code: PROVIDER_DOWN, retryable: true }
            retry: { maxAttempts: 3, initialBackoff: 300ms, multiplier: 2, jitter: 0 }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "always-failing", "{}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(done.getError().getCode()).isEqualTo("PROVIDER_DOWN");
    assertThat(done.getError().getStepId()).isEqualTo("flaky");
    assertThat(done.getError().getAttempt()).isEqualTo(3);
    assertThat(done.getSteps(0).getAttempt()).isEqualTo(3);
    List<Instant> attemptsCreated = taskTimes(done.getId());
    assertThat(attemptsCreated).hasSize(3);
    // attempt n+1 is created when attempt n fails; it may only run after its backoff: 300ms, then 600ms
    List<Instant> dispatched = eventTimes(done.getId(), "TASK_DISPATCHED");
    assertThat(dispatched).hasSize(3);
    assertThat(Duration.between(dispatched.get(0), dispatched.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Duration.between(dispatched.get(1), dispatched.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void nonRetryableErrorIsNotRetried() {
    Executions.apply(stack.platform().client(), """
        name: invalid-lead
        steps:
          - id: check
            handler: test-fail
            config: { code: INVALID_LEAD, retryable: true }
            retry: { maxAttempts: 5, initialBackoff: 100ms, nonRetryable: [INVALID_LEAD] }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "invalid-lead", "{}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(done.getError().getCode()).isEqualTo("INVALID_LEAD");
    assertThat(done.getSteps(0).getAttempt()).isEqualTo(1);
  }

  @Test
  void startWithTheSameIdempotencyKeyReturnsTheSameExecution() {
    StartExecutionRequest request = StartExecutionRequest.newBuilder().setWorkflowName("lead-pipeline")
        .setInputJson("{\"audience\": \"CEOs in London\"}").setIdempotencyKey("order-" + UUID.randomUUID()).build();

    StartExecutionResponse first = stack.platform().client().workflows().startExecution(request);
    StartExecutionResponse second = stack.platform().client().workflows().startExecution(request);

    assertThat(first.getCreated()).isTrue();
    assertThat(second.getCreated()).isFalse();
    assertThat(second.getExecution().getId()).isEqualTo(first.getExecution().getId());
  }

  @Test
  void cancelStopsARunningExecutionAndItsRunningStep() throws SQLException {
    Executions.apply(stack.platform().client(), """
        name: long-sleep
        steps:
          - { id: nap, handler: sleep, input: { duration: "60s" } }
          - { id: after, handler: noop, dependsOn: [nap] }
        """);
    Execution started = Executions.start(stack.platform().client(), "long-sleep", "{}");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        taskStatuses(started.getId()).contains("RUNNING"));

    Execution cancelled = stack.platform().client().workflows().cancelExecution(CancelExecutionRequest.newBuilder()
        .setExecutionId(started.getId()).setReason("test says stop").build());

    assertThat(cancelled.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
    assertThat(cancelled.getError().getMessage()).isEqualTo("test says stop");
    assertThat(cancelled.getStepsList()).extracting(StepState::getStatus)
        .containsOnly(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(taskStatuses(started.getId())).containsOnly("CANCELLED");
    // the executor learns it from its next heartbeat and stops the handler
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        stack.platform().executors().get(0).inFlight() == 0);
  }

  @Test
  void cancelReachesARunningChildExecution() {
    Executions.apply(stack.platform().client(), """
        name: slow-child
        steps:
          - { id: nap, handler: sleep, input: { duration: "60s" } }
        """);
    Executions.apply(stack.platform().client(), """
        name: parent-of-slow-child
        steps:
          - { id: child, workflow: slow-child }
        """);
    Execution parent = Executions.start(stack.platform().client(), "parent-of-slow-child", "{}");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        Executions.get(stack.platform().client(), parent.getId()).getSteps(0).getChildExecutionIdsCount() == 1);
    String childId = Executions.get(stack.platform().client(), parent.getId()).getSteps(0).getChildExecutionIds(0);

    stack.platform().client().workflows().cancelExecution(CancelExecutionRequest.newBuilder()
        .setExecutionId(parent.getId()).build());

    Execution child = Executions.awaitEnd(stack.platform().client(), childId, Duration.ofSeconds(10));
    assertThat(child.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
    assertThat(child.getError().getMessage()).isEqualTo("parent execution ended");
  }

  @Test
  void skippedStepSkipsItsDependentsUnlessTheyOptIn() {
    Executions.apply(stack.platform().client(), """
        name: skip-chain
        steps:
          - { id: gate, handler: noop, when: "input.go == true" }
          - { id: after-gate, handler: noop, dependsOn: [gate] }
          - { id: always, handler: noop, dependsOn: [after-gate], runIfDependenciesSkipped: true }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "skip-chain", "{\"go\": false}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(done.getStepsList()).extracting(StepState::getStatus).containsExactly(
        StepStatus.STEP_STATUS_SKIPPED, StepStatus.STEP_STATUS_SKIPPED, StepStatus.STEP_STATUS_SUCCEEDED);
  }

  @Test
  void forEachRunsEveryElementWithinItsConcurrencyAndGathersResultsInOrder() {
    Executions.apply(stack.platform().client(), """
        name: fan-out
        steps:
          - id: each
            handler: test-echo
            forEach: { items: "input.numbers", concurrency: 2 }
            input: { n: "${item * 10}", at: "${index}" }
        output:
          results: "${steps.each.output.map(r, r.input.n)}"
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "fan-out", "{\"numbers\": [1, 2, 3, 4, 5]}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    JsonNode output = Json.parse(done.getOutputJson());
    assertThat(output.path("results").toString()).isEqualTo("[10,20,30,40,50]");
    assertThat(done.getSteps(0).getItemsTotal()).isEqualTo(5);
    assertThat(done.getSteps(0).getItemsDone()).isEqualTo(5);
  }

  @Test
  void handlersReceiveAStableIdempotencyKeyPerAttempt() {
    Executions.apply(stack.platform().client(), """
        name: echo-once
        steps:
          - { id: echo, handler: test-echo, input: { who: "${input.who}" } }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "echo-once", "{\"who\": \"ada\"}").getId(), Duration.ofSeconds(20));

    JsonNode out = Json.parse(done.getSteps(0).getOutputJson());
    assertThat(out.path("input").path("who").asText()).isEqualTo("ada");
    assertThat(out.path("idempotencyKey").asText()).isEqualTo(done.getId() + "/echo/1");
  }

  @Test
  void attemptThatOutlivesItsStartToCloseTimeoutFailsWithTimeoutAndIsRetried() {
    Executions.apply(stack.platform().client(), """
        name: too-slow
        steps:
          - id: slow
            handler: sleep
            input: { duration: "10s" }
            timeout: { startToClose: 300ms }
            retry: { maxAttempts: 2, initialBackoff: 100ms, jitter: 0 }
        """);
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "too-slow", "{}").getId(), Duration.ofSeconds(20));

    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(done.getError().getCode()).isEqualTo("TIMEOUT");
    assertThat(done.getError().getAttempt()).isEqualTo(2);
  }

  @Test
  void flakyProviderIsRetriedUntilTheLeadPipelineSucceeds() {
    stack.platform().provider().faults(dev.baton.examples.provider.Faults.failNext(2, 503));
    try {
      Execution done = Executions.awaitEnd(stack.platform().client(), Executions.start(stack.platform().client(),
          "lead-pipeline", "{\"audience\": \"VP Engineering at saas scale-ups in London\"}").getId(),
          Duration.ofSeconds(30));

      assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(done.getSteps(1).getAttempt()).as("enrich attempts").isEqualTo(3);
      assertThat(stack.platform().provider().stats().failures()).isEqualTo(2);
    } finally {
      stack.platform().provider().faults(dev.baton.examples.provider.Faults.NONE);
    }
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Connection jdbc() throws SQLException {
    var pg = stack.platform().postgres();
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static List<Instant> taskTimes(String executionId) throws SQLException {
    return times("SELECT created_at AS t FROM tasks WHERE execution_id = ?::uuid ORDER BY attempt", executionId);
  }

  private static List<Instant> eventTimes(String executionId, String type) throws SQLException {
    return times("SELECT created_at AS t FROM execution_events WHERE execution_id = ?::uuid AND type = '" + type
        + "' ORDER BY id", executionId);
  }

  private static List<Instant> times(String sql, String executionId) throws SQLException {
    try (Connection c = jdbc(); var st = c.prepareStatement(sql)) {
      st.setString(1, executionId);
      ResultSet rs = st.executeQuery();
      List<Instant> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getTimestamp("t").toInstant());
      }
      return out;
    }
  }

  private static List<String> taskStatuses(String executionId) throws SQLException {
    try (Connection c = jdbc(); var st = c.prepareStatement("SELECT status FROM tasks WHERE execution_id = ?::uuid")) {
      st.setString(1, executionId);
      ResultSet rs = st.executeQuery();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
