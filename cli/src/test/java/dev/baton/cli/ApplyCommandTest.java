package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.ApplyWorkflowResponse;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  private static final String DEFINITION = "name: lead-pipeline\nsteps:\n  - id: translate\n    handler: audience-translator\n";

  @TempDir
  Path dir;
  private FakeWorkflowApi api;
  private Path file;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    file = Files.writeString(dir.resolve("lead-pipeline.yaml"), DEFINITION);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void sendsTheFileTextAndPrintsTheCreatedVersion() {
    api.applyResponse = ApplyWorkflowResponse.newBuilder().setName("lead-pipeline").setVersion(3).setCreated(true).build();

    CliResult result = CliResult.run("--server", api.target(), "apply", "-f", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("workflow lead-pipeline version 3 (created)\n");
    assertThat(api.requests(ApplyWorkflowRequest.class)).extracting(ApplyWorkflowRequest::getSourceText)
        .containsExactly(DEFINITION);
  }

  @Test
  void saysUnchangedWhenTheServerStoredNothing() {
    api.applyResponse = ApplyWorkflowResponse.newBuilder().setName("lead-pipeline").setVersion(3).build();

    CliResult result = CliResult.run("--server", api.target(), "apply", "-f", file.toString());

    assertThat(result.out()).isEqualTo("workflow lead-pipeline version 3 (unchanged)\n");
  }

  @Test
  void readsTheDefinitionFromStdinForDash() {
    api.applyResponse = ApplyWorkflowResponse.newBuilder().setName("lead-pipeline").setVersion(1).setCreated(true).build();

    CliResult result = CliResult.runWithStdin(DEFINITION, "--server", api.target(), "apply", "-f", "-");

    assertThat(result.exitCode()).isZero();
    assertThat(api.requests(ApplyWorkflowRequest.class).get(0).getSourceText()).isEqualTo(DEFINITION);
  }

  @Test
  void jsonOutputOfSeveralFilesIsOneArrayWithDefaultFieldsPrinted() throws Exception {
    api.applyResponse = ApplyWorkflowResponse.newBuilder().setName("lead-pipeline").setVersion(3).build();

    CliResult result = CliResult.run("--server", api.target(), "-o", "json",
        "apply", "-f", file.toString(), "-f", file.toString());

    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("version").asInt()).isEqualTo(3);
    assertThat(json.get(0).get("created").isBoolean()).as("created=false is printed, not omitted").isTrue();
  }

  @Test
  void namesTheFileWhoseDefinitionTheServerRejectedAmongSeveral() {
    api.failure = Status.INVALID_ARGUMENT.withDescription("steps[1] (enrich).dependsOn: unknown step 'x'");

    CliResult result = CliResult.run("--server", api.target(), "apply", "-f", file.toString(), "-f", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("baton: " + file
        + ": INVALID_ARGUMENT: steps[1] (enrich).dependsOn: unknown step 'x'\n");
  }

  @Test
  void missingFileIsAOneLineErrorAndNothingIsSent() {
    CliResult result = CliResult.run("--server", api.target(), "apply", "-f", dir.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("baton: cannot read " + dir.resolve("nope.yaml") + ": no such file\n");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void requiresAFile() {
    CliResult result = CliResult.run("--server", api.target(), "apply");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("baton apply: Missing required option: '--file=FILE'").hasLineCount(1);
  }
}
