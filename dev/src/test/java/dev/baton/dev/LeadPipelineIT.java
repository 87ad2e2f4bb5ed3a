package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The users' first workload, end to end through the real stack. */
class LeadPipelineIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  @Test
  void leadPipelineTranslatesEnrichesAndComposesSequencesInAChildWorkflow() {
    Execution started = Executions.start(stack.platform().client(), "lead-pipeline",
        "{\"audience\": \"CTOs of fintech startups in Berlin\"}");

    Execution done = Executions.awaitEnd(stack.platform().client(), started.getId(), Duration.ofSeconds(30));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(done.getStepsList()).extracting(StepState::getStepId).containsExactly("translate", "enrich", "email");
    assertThat(done.getStepsList()).extracting(StepState::getStatus).containsOnly(StepStatus.STEP_STATUS_SUCCEEDED);
    StepState enrich = done.getSteps(1);
    assertThat(enrich.getItemsTotal()).isEqualTo(1);
    assertThat(enrich.getItemsDone()).isEqualTo(1);
    StepState email = done.getSteps(2);
    assertThat(email.getChildExecutionIdsList()).hasSize(1);
    Execution child = Executions.get(stack.platform().client(), email.getChildExecutionIds(0));
    assertThat(child.getWorkflowName()).isEqualTo("email-sequence");
    assertThat(child.getParentExecutionId()).isEqualTo(done.getId());
    assertThat(child.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);

    JsonNode output = Json.parse(done.getOutputJson());
    assertThat(output.path("segments")).hasSize(1);
    assertThat(output.path("segments").get(0).path("location").asText()).isEqualTo("Berlin");
    JsonNode sequences = output.path("sequences");
    assertThat(sequences.size()).isGreaterThan(0);
    JsonNode first = sequences.get(0);
    assertThat(first.path("email").asText()).contains("@");
    assertThat(first.path("steps")).hasSize(3);
  }

  @Test
  void audienceWithNothingRecognisedSkipsEnrichmentAndTheEmailsDownstream() {
    Execution started = Executions.start(stack.platform().client(), "lead-pipeline", "{\"audience\": \"zzz qqq\"}");

    Execution done = Executions.awaitEnd(stack.platform().client(), started.getId(), Duration.ofSeconds(30));

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(done.getStepsList()).extracting(StepState::getStatus).containsExactly(
        StepStatus.STEP_STATUS_SUCCEEDED, StepStatus.STEP_STATUS_SKIPPED, StepStatus.STEP_STATUS_SKIPPED);
  }
}
