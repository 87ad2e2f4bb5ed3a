package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.json.Json;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Branch failure ({@code fail: { branchOnly: true }}) through the real gRPC API, PostgreSQL, Redis
 * and executors: one branch fails for good, the other completes, the execution succeeds.
 */
class BranchFailureIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /**
   * Two parallel branches: lookup (always fails GONE, retried once by its own policy) -> notify, and
   * score -> rank. The rule fails lookup's branch only.
   */
  private static final String WORKFLOW = """
      name: two-branches
      allowBranchFailure: true
      steps:
        - id: lookup
          handler: test-fail
          config: { code: GONE, message: "lead source removed" }
          retry: { maxAttempts: 2, initialBackoff: 100ms, jitter: 0 }
          onError:
            - if: "error.code == 'GONE'"
              then: { fail: { message: "lookup given up", branchOnly: true } }
        - { id: notify, handler: test-echo, dependsOn: [lookup], input: { leads: "${steps.lookup.output}" } }
        - { id: score, handler: test-echo, input: { n: 7 } }
        - { id: rank, handler: test-echo, dependsOn: [score], input: { n: "${steps.score.output.input.n}" } }
      output:
        lookup: "${steps.lookup.status}"
        notify: "${steps.notify.status}"
        rank: "${steps.rank.output.input.n}"
      """;

  @BeforeAll
  static void applyWorkflow() {
    Executions.apply(stack.platform().client(), WORKFLOW);
  }

  @Test
  void oneBranchFailsForGoodTheOtherCompletesAndTheExecutionSucceedsWithTheFailureInItsOutput() {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "two-branches", "{}").getId(), Duration.ofSeconds(30));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    Map<String, StepState> steps = done.getStepsList().stream()
        .collect(Collectors.toMap(StepState::getStepId, Function.identity()));
    assertThat(steps.get("lookup").getStatus()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(steps.get("lookup").getAttempt()).isEqualTo(2);
    assertThat(steps.get("lookup").getError().getMessage()).isEqualTo("lookup given up: lead source removed");
    assertThat(steps.get("notify").getStatus()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(steps.get("score").getStatus()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(steps.get("rank").getStatus()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(Json.parse(done.getOutputJson()))
        .isEqualTo(Json.parse("{\"lookup\":\"FAILED\",\"notify\":\"SKIPPED\",\"rank\":7}"));

    List<EventRows.Row> events = EventRows.of(stack.platform(), done.getId());
    assertThat(events).filteredOn(e -> e.type().equals("STEP_FAILED")).singleElement().satisfies(e -> {
      assertThat(e.stepId()).isEqualTo("lookup");
      assertThat(e.payload().path("branchOnly").asBoolean()).isTrue();
    });
    assertThat(events).filteredOn(e -> e.type().equals("STEP_SKIPPED")).singleElement()
        .satisfies(e -> assertThat(e.payload().path("reason").asText()).isEqualTo("dependency lookup failed"));
    assertThat(events).filteredOn(e -> e.type().equals("STEP_CANCELLED")).isEmpty();
    assertThat(events.get(events.size() - 1).type()).isEqualTo("EXECUTION_SUCCEEDED");
    assertThat(events.get(events.size() - 1).payload().path("failedSteps")).isEqualTo(Json.parse("[\"lookup\"]"));
  }

  @Test
  void applyRejectsABranchOnlyFailWithoutTheWorkflowsOptInNamingTheField() {
    assertThatThrownBy(() -> stack.platform().client().workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder()
        .setSourceText("""
            name: no-opt-in
            steps:
              - id: lookup
                handler: test-fail
                onError:
                  - then: { fail: { branchOnly: true } }
            """).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("steps[0] (lookup).onError[0].then.fail.branchOnly: true "
              + "but the workflow does not set allowBranchFailure");
        });
  }
}
