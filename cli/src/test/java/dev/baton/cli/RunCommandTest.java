package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.watch.ProgressRenderingTest;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.WatchExecutionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  private FakeWorkflowApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    api.startResponse = StartExecutionResponse.newBuilder().setExecution(Executions.running()).setCreated(true).build();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void withoutWaitPrintsTheIdAndStatusAndSendsTheRequestAsGiven() {
    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline",
        "--input", "{\"audience\":\"CTOs in Berlin\"}", "--version", "2", "--idempotency-key", "k-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("ID    STATUS\nex-1  RUNNING\n");
    StartExecutionRequest request = api.requests(StartExecutionRequest.class).get(0);
    assertThat(request.getWorkflowName()).isEqualTo("lead-pipeline");
    assertThat(request.getWorkflowVersion()).isEqualTo(2);
    assertThat(request.getInputJson()).isEqualTo("{\"audience\":\"CTOs in Berlin\"}");
    assertThat(request.getIdempotencyKey()).isEqualTo("k-1");
    assertThat(api.requests(GetExecutionRequest.class)).isEmpty();
  }

  @Test
  void waitExitsZeroWhenTheExecutionSucceedsAndPrintsOutputAndSteps() {
    api.executions.add(Executions.running());
    api.executions.add(Executions.succeeded());

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--wait");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("status     SUCCEEDED")
        .contains("duration   1.2s")
        .contains("output:\n{\n  \"leads\": 3\n}")
        .contains("STEP       STATUS     ATTEMPT  ITEMS  DURATION  ERROR")
        .contains("enrich     SUCCEEDED  2        10/10  900ms");
    assertThat(api.requests(GetExecutionRequest.class)).hasSize(2)
        .allSatisfy(r -> assertThat(r.getExecutionId()).isEqualTo("ex-1"));
  }

  @Test
  void waitExitsOneWhenTheExecutionFailsAndShowsTheFailedStep() {
    api.executions.add(Executions.failed());

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--wait");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("status     FAILED")
        .contains("duration   3m04s")
        .contains("error      enrich (attempt 4): PROVIDER_DOWN: provider acme is down")
        .contains("enrich     FAILED     4        3/10   3m03s     PROVIDER_DOWN: provider acme is down")
        .contains("email      SKIPPED    -        -      -");
  }

  @Test
  void waitExitsTwoWhenTheExecutionIsStillRunningAtTheTimeout() {
    api.executions.add(Executions.running());

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--wait", "--timeout", "300ms");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).contains("status     RUNNING");
    assertThat(result.err()).isEqualTo("baton: execution ex-1 is still RUNNING after 300ms; follow it with 'baton get ex-1'\n");
  }

  @Test
  void waitExitsThreeWhenTheExecutionIsCancelled() {
    api.executions.add(Executions.failed().toBuilder().setStatus(ExecutionStatus.EXECUTION_STATUS_CANCELLED).build());

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--wait");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("status     CANCELLED");
  }

  @Test
  void watchStartsThenShowsProgressFromTheExecutionsFirstEvent() throws Exception {
    try (FakeProgressApi progress = new FakeProgressApi()) {
      progress.thenStream(ProgressUpdates.failing());

      String key = "baton_cccccccccccccccc_" + "r".repeat(43);

      CliResult result = CliResult.run("--server", api.target(), "--api-key", key, "run", "lead-pipeline",
          "--input", "{\"audience\":\"CTOs\"}", "--watch", "--progress-server", progress.target());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).isEqualTo(ProgressRenderingTest.FAILING_LINES);
      assertThat(api.requests(StartExecutionRequest.class)).hasSize(1);
      assertThat(api.requests(GetExecutionRequest.class)).isEmpty();
      // resuming after event 1 (the start) shows every step, even those that ran before the watch began
      assertThat(progress.requests).containsExactly(
          WatchExecutionRequest.newBuilder().setExecutionId("ex-1").setResumeAfter(1).build());
      // both services hear from the same key
      assertThat(api.authorizations).containsExactly("Bearer " + key);
      assertThat(progress.authorizations).containsExactly("Bearer " + key);
    }
  }

  @Test
  void waitAndWatchExcludeEachOther() {
    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--wait", "--watch");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("mutually exclusive").hasLineCount(1);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void jsonOutputIsOnlyTheFinalExecutionAsJson() throws Exception {
    api.executions.add(Executions.succeeded());

    CliResult result = CliResult.run("--server", api.target(), "-o", "json", "run", "lead-pipeline", "--wait");

    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("id").asText()).isEqualTo("ex-1");
    assertThat(json.get("status").asText()).isEqualTo("EXECUTION_STATUS_SUCCEEDED");
    assertThat(json.get("steps")).hasSize(2);
  }

  @Test
  void malformedInputIsAOneLineUsageErrorAndNothingIsSent() {
    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--input", "{audience: x}");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("baton run: Invalid value for option '--input': not valid JSON")
        .contains("line 1 column 2").hasLineCount(1);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void inputThatIsNotAnObjectIsRejectedBeforeSending() {
    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--input", "[1,2]");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("expected a JSON object").contains("got array").hasLineCount(1);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void inputFileIsCheckedLikeInlineInput(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("input.json"), "\"just a string\"");

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--input-file", input.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("baton run: --input-file " + input + ": expected a JSON object").hasLineCount(1);
    assertThat(api.requests).isEmpty();
  }

  @Test
  void inputFileContentIsSentAsInput(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("input.json"), "{\"audience\":\"CTOs\"}\n");

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--input-file", input.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(api.requests(StartExecutionRequest.class).get(0).getInputJson()).isEqualTo("{\"audience\":\"CTOs\"}\n");
  }

  @Test
  void inlineInputAndInputFileExcludeEachOther() {
    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline",
        "--input", "{}", "--input-file", "x.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("mutually exclusive").hasLineCount(1);
  }

  @Test
  void saysWhenAnIdempotencyKeyReturnedAnEarlierExecution() {
    api.startResponse = api.startResponse.toBuilder().setCreated(false).build();

    CliResult result = CliResult.run("--server", api.target(), "run", "lead-pipeline", "--idempotency-key", "k-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEqualTo("baton: idempotency key 'k-1' already started execution ex-1; showing that one\n");
  }
}
