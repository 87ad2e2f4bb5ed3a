package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.RecoveryDecision;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Recovery rules ({@code onError}) through the real gRPC API, PostgreSQL, Redis and executors. */
class RecoveryIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /**
   * A step failing with config.message: a timeout is retried by the first rule (twice, 300ms then
   * 600ms apart); any other failure, or a timeout once that rule is used up, is skipped with a
   * substitute output that the next step receives.
   */
  private static final String WORKFLOW = """
      name: %s
      steps:
        - id: call
          handler: test-fail
          config: { code: UPSTREAM, message: "%s" }
          onError:
            - if: "error.message.matches('(?i)timeout')"
              then: { retry: { maxAttempts: 2, initialBackoff: 300ms, multiplier: 2, jitter: 0 } }
            - then: { skip: { output: { leads: [], degraded: true } } }
        - { id: after, handler: test-echo, dependsOn: [call], input: { got: "${steps.call.output}" } }
      """;

  @BeforeAll
  static void applyWorkflows() {
    Executions.apply(stack.platform().client(), WORKFLOW.formatted("slow-upstream", "upstream: Timeout after 5s"));
    Executions.apply(stack.platform().client(), WORKFLOW.formatted("broken-upstream", "upstream: connection refused"));
  }

  @Test
  void aTimeoutMatchedByARegexRuleIsRetriedByThatRulesPolicyThenTheNextRuleTakesOver() throws SQLException {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "slow-upstream", "{}").getId(), Duration.ofSeconds(30));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    StepState call = done.getSteps(0);
    assertThat(call.getStatus()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(call.getAttempt()).isEqualTo(3);
    assertThat(call.getRecovery().getDecisionsList())
        .extracting(RecoveryDecision::getRule, RecoveryDecision::getAction, RecoveryDecision::getNextAttempt)
        .containsExactly(
            tuple("steps.call.onError[0]", RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY, 2),
            tuple("steps.call.onError[0]", RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY, 3),
            tuple("steps.call.onError[1]", RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP, 0));
    assertThat(Json.parse(call.getOutputJson())).isEqualTo(Json.parse("{\"leads\":[],\"degraded\":true}"));
    JsonNode after = Json.parse(done.getSteps(1).getOutputJson());
    assertThat(after.path("input").path("got")).isEqualTo(Json.parse("{\"leads\":[],\"degraded\":true}"));

    List<Instant> dispatched = eventTimes(done.getId(), "TASK_DISPATCHED", "call");
    assertThat(dispatched).hasSize(3);
    assertThat(Duration.between(dispatched.get(0), dispatched.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Duration.between(dispatched.get(1), dispatched.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    List<EventRows.Row> applied = EventRows.of(stack.platform(), done.getId()).stream()
        .filter(e -> e.type().equals("RECOVERY_APPLIED")).toList();
    assertThat(applied).extracting(e -> e.payload().path("action").asText(), e -> e.payload().path("ruleIndex").asInt())
        .containsExactly(tuple("RETRY", 0), tuple("RETRY", 0), tuple("SKIP", 1));
  }

  @Test
  void anErrorTheRegexDoesNotMatchTakesTheNextRuleAtOnce() {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "broken-upstream", "{}").getId(), Duration.ofSeconds(30));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    StepState call = done.getSteps(0);
    assertThat(call.getAttempt()).isEqualTo(1);
    assertThat(call.getRecovery().getDecisionsList()).singleElement().satisfies(d -> {
      assertThat(d.getRule()).isEqualTo("steps.call.onError[1]");
      assertThat(d.getAction()).isEqualTo(RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP);
      assertThat(d.getError().getMessage()).isEqualTo("upstream: connection refused");
    });
    assertThat(done.getSteps(1).getStatus()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
  }

  @Test
  void applyRejectsARuleWithoutAnActionAndAnUnknownFallbackHandlerNamingStepRuleAndField() {
    assertThatThrownBy(() -> stack.platform().client().workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder()
        .setSourceText("""
            name: bad-rules
            steps:
              - id: enrich
                handler: test-echo
                onError:
                  - if: "error.code == 'X'"
                    then: { fallback: { handler: no-such-handler } }
                  - if: "error.code == 'Y'"
                    then: {}
            """).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription())
              .contains("steps[0] (enrich).onError[0].then.fallback.handler: no executor provides handler "
                  + "'no-such-handler' on task queue 'default'")
              .contains("steps[0] (enrich).onError[1].then: required (expected: exactly one of retry, fallback, skip, fail, intervene)");
        });
  }

  @Test
  void aRulesUsedBudgetSurvivesAnOrchestratorRestartWhileItsRetryWaits() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port),
        "BATON_DEV_EXAMPLES", "false"))) {
      // fails attempts 1-3: the rule retries twice (attempts 2, 3), then its budget is used and the skip rule decides
      Executions.apply(platform.client(), """
          name: flaky-restart
          steps:
            - id: call
              handler: test-flaky
              config: { failures: 3 }
              onError:
                - if: "error.code == 'FLAKY'"
                  then: { retry: { maxAttempts: 2, initialBackoff: 2s, multiplier: 1, jitter: 0 } }
                - then: { skip: { output: "gave up" } }
          """);
      Execution started = Executions.start(platform.client(), "flaky-restart", "{}");
      await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(platform, "SELECT count(*) FROM tasks "
          + "WHERE status = 'SCHEDULED' AND execution_id = '" + started.getId() + "'") == 1);

      platform.orchestrators().get(0).close();
      platform.startOrchestrator(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port)));

      Execution done = Executions.awaitEnd(platform.client(), started.getId(), Duration.ofSeconds(30));
      assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      StepState call = done.getSteps(0);
      assertThat(call.getAttempt()).isEqualTo(3);
      assertThat(call.getStatus()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
      assertThat(call.getOutputJson()).isEqualTo("\"gave up\"");
      assertThat(call.getRecovery().getDecisionsList()).extracting(RecoveryDecision::getAction).containsExactly(
          RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY, RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY,
          RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP);
    }
  }

  private static List<Instant> eventTimes(String executionId, String type, String stepId) throws SQLException {
    var pg = stack.platform().postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         var st = c.prepareStatement("SELECT created_at FROM execution_events WHERE execution_id = ?::uuid "
             + "AND type = ? AND step_id = ? ORDER BY seq")) {
      st.setString(1, executionId);
      st.setString(2, type);
      st.setString(3, stepId);
      ResultSet rs = st.executeQuery();
      List<Instant> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getTimestamp(1).toInstant());
      }
      return out;
    }
  }
}
