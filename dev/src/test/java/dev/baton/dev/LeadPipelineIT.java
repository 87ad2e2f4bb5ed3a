package dev.baton.dev;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.examples.provider.Faults;
import dev.baton.examples.provider.LeadProviderServer;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.HandlerRun;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
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
  void batonDevsExampleRunStartsTheLeadPipelineAndReportsItsEnd() throws Exception {
    var printed = new ByteArrayOutputStream();
    var out = new PrintStream(printed, true, UTF_8);

    new ExampleRun(stack.platform().client(), out).start(DashboardLink.of(stack.platform()));

    // the end is printed from another thread by printf, which writes its line piece by piece: a second
    // line is there only once its line separator is
    await().atMost(Duration.ofSeconds(30)).until(() -> completeLines(printed).size() >= 2);
    List<String> lines = completeLines(printed);
    String id = lines.get(0).split(" ")[2];
    // the link signs the browser in with the default tenant's admin key, then opens the execution
    assertThat(lines.get(0)).isEqualTo("example: lead-pipeline " + id + " started -> bin/baton watch " + id
        + " | http://localhost:" + stack.platform().progress().port() + "/dashboard/#key="
        + stack.platform().keys().tenantAdminSecret() + "&to=/executions/" + id);
    assertThat(lines.get(1)).startsWith("example: lead-pipeline " + id + " SUCCEEDED in ");
    Execution run = Executions.get(stack.platform().client(), id);
    assertThat(run.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(Json.parse(run.getInputJson())).isEqualTo(Json.parse(ExampleRun.INPUT));
  }

  /** The lines printed so far that are whole: up to the last line separator. */
  private static List<String> completeLines(ByteArrayOutputStream printed) {
    String text = printed.toString(UTF_8);
    return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
  }

  @Test
  void withThePrimaryProviderDownEnrichmentFallsBackToTheBackupProviderAndTheRecordShowsBothTried() {
    LeadProviderServer primary = stack.platform().provider();
    LeadProviderServer backup = stack.platform().backupProvider();
    long primaryBefore = primary.stats().requests();
    long backupBefore = backup.stats().requests();
    primary.faults(new Faults(1.0, 0, 0, 503));
    Execution done;
    try {
      Execution started = Executions.start(stack.platform().client(), "lead-pipeline",
          "{\"audience\": \"CTOs of fintech startups in Berlin\"}");
      done = Executions.awaitEnd(stack.platform().client(), started.getId(), Duration.ofSeconds(60));
    } finally {
      primary.faults(Faults.NONE);
    }

    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    StepState enrich = done.getSteps(1);
    assertThat(enrich.getStatus()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    // the step's own retry policy (4 attempts) first, then the fallback rule's attempt on the backup
    assertThat(enrich.getRecovery().getHandlersTriedList())
        .extracting(HandlerRun::getItemIndex, HandlerRun::getProvider, HandlerRun::getFirstAttempt,
            HandlerRun::getLastAttempt, HandlerRun::getStatus)
        .containsExactly(
            tuple(0, "primary", 1, 4, StepStatus.STEP_STATUS_FAILED),
            tuple(0, "backup", 5, 5, StepStatus.STEP_STATUS_SUCCEEDED));
    assertThat(enrich.getRecovery().getHandlersTried(0).getError().getCode()).isEqualTo("PROVIDER_DOWN");
    assertThat(enrich.getRecovery().getDecisionsList()).singleElement().satisfies(d -> {
      assertThat(d.getRule()).isEqualTo("steps.enrich.onError[0]");
      assertThat(d.getAction()).isEqualTo(RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK);
    });
    assertThat(primary.stats().requests() - primaryBefore).as("requests the primary received").isEqualTo(4);
    assertThat(backup.stats().requests() - backupBefore).as("requests the backup received").isEqualTo(1);
    JsonNode enriched = Json.parse(enrich.getOutputJson());
    assertThat(enriched.get(0).path("provider").asText()).isEqualTo("backup");
    assertThat(enriched.get(0).path("leads").size()).isPositive();
    assertThat(done.getSteps(2).getStatus()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(Json.parse(done.getOutputJson()).path("sequences").size()).isPositive();
    assertThat(EventRows.of(stack.platform(), done.getId()))
        .filteredOn(e -> e.type().equals("RECOVERY_APPLIED"))
        .singleElement().satisfies(e -> {
          assertThat(e.stepId()).isEqualTo("enrich");
          assertThat(e.itemIndex()).isZero();
          assertThat(e.payload().path("action").asText()).isEqualTo("FALLBACK");
          assertThat(e.payload().path("provider").asText()).isEqualTo("backup");
          assertThat(e.payload().path("nextAttempt").asInt()).isEqualTo(5);
        });
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
