package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.dev.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The baton command against the real orchestrator: what a user types in the README's quick start. */
class CliIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  private static Result baton(String... args) {
    return CliRunner.baton(stack.platform(), args);
  }

  @Test
  void runWaitPrintsTheResultAndStepsAndExitsZeroOnSuccess() {
    Result run = baton("run", "lead-pipeline", "--input", "{\"audience\": \"CTOs of fintech startups in Berlin\"}",
        "--wait");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("SUCCEEDED").contains("translate").contains("enrich").contains("email")
        .contains("\"sequences\"");
  }

  @Test
  void appliedWorkflowRunsAndIsListedAndInspectedAsJson(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("my.yaml");
    Files.writeString(yaml, """
        name: cli-hello
        steps:
          - { id: greet, handler: transform, input: { msg: "${'hello ' + input.name}" } }
        """);
    assertThat(baton("apply", "-f", yaml.toString()).out()).contains("workflow cli-hello version 1 (created)");

    Result run = baton("-o", "json", "run", "cli-hello", "--input", "{\"name\": \"ada\"}", "--wait");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode execution = Json.parse(run.out());
    String id = execution.path("id").asText(execution.path("execution").path("id").asText());

    JsonNode got = Json.parse(baton("-o", "json", "get", id).out());
    assertThat(got.path("steps").get(0).path("outputJson").asText()).contains("hello ada");
    assertThat(baton("list", "--workflow", "cli-hello").out()).contains(id).contains("SUCCEEDED");
  }

  @Test
  void failedExecutionExitsNonZeroAndErrorsAreOneLineOnStderr() {
    Result unknown = baton("run", "no-such-workflow", "--wait");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err().strip()).doesNotContain("\n").contains("NOT_FOUND").contains("no-such-workflow");

    Result cancelDone = baton("cancel", "00000000-0000-0000-0000-000000000009");
    assertThat(cancelDone.exit()).isNotZero();
    assertThat(cancelDone.err()).contains("NOT_FOUND");
  }

  @Test
  void circuitsListsTheBreakerOfEveryProviderCalledWithItsStateAndSettings() {
    assertThat(baton("run", "lead-pipeline", "--input", "{\"audience\": \"CTOs of fintech startups in Berlin\"}",
        "--wait").exit()).isZero();

    Result circuits = baton("circuits");

    assertThat(circuits.exit()).as(circuits.err()).isZero();
    assertThat(circuits.out()).contains("PROVIDER").contains("STATE");
    assertThat(circuits.out().lines().filter(l -> l.startsWith("primary")).findFirst()).hasValueSatisfying(line ->
        assertThat(line).contains("CLOSED").contains("0/5").contains("in 30.0s, open 30.0s"));
    JsonNode json = Json.parse(baton("-o", "json", "circuits").out());
    assertThat(json.path("circuits").get(0).path("provider").asText()).isEqualTo("primary");
    assertThat(json.path("circuits").get(0).path("state").asText()).isEqualTo("CIRCUIT_STATE_CLOSED");
  }

  @Test
  void aStepWaitingForAPersonIsListedShownAndResumedWithACorrectedInput(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("vetted.yaml");
    Files.writeString(yaml, """
        name: cli-vetted
        steps:
          - id: check
            handler: test-counted
            input: { valid: "${input.valid}" }
            onError: [ { then: { intervene: { reason: "lead needs a look", notify: ops } } } ]
        """);
    assertThat(baton("apply", "-f", yaml.toString()).exit()).isZero();
    Result run = baton("-o", "json", "run", "cli-vetted", "--input", "{\"valid\": false}");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode started = Json.parse(run.out());
    String id = started.path("id").asText(started.path("execution").path("id").asText());
    assertThat(id).isNotEmpty();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
        baton("interventions", "--workflow", "cli-vetted").out().contains(id));

    assertThat(baton("interventions", "--workflow", "cli-vetted").out()).contains("check").contains("ops")
        .contains("lead needs a look");
    assertThat(baton("get", id).out()).contains("WAITING_FOR_INTERVENTION")
        .contains("check waits for a person: lead needs a look");
    Result resume = baton("resume", id, "--input", "{\"valid\": true}", "--actor", "ada", "--reason", "fixed it");
    assertThat(resume.exit()).as(resume.err()).isZero();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
        baton("get", id).out().contains("SUCCEEDED"));
    assertThat(baton("resume", id, "--step", "check", "--reason", "again").err()).contains("FAILED_PRECONDITION");
  }
}
