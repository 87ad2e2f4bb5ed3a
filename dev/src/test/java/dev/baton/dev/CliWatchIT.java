package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.JsonFormat;
import dev.baton.dev.CliRunner.Result;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code baton watch} and {@code baton run --watch} against the real orchestrator and progress-svc. */
class CliWatchIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  static final String FAILING = """
      name: cli-fails
      steps:
        - { id: prepare, handler: noop }
        - id: boom
          dependsOn: [prepare]
          handler: test-fail
          config: { code: BOOM }
          retry: { maxAttempts: 2, initialBackoff: 300ms, multiplier: 1, jitter: 0 }
      """;
  static final String SLOW = """
      name: cli-slow
      steps:
        - { id: first, handler: sleep, input: { duration: 1500ms } }
        - { id: second, handler: sleep, dependsOn: [first], input: { duration: 1500ms } }
        - { id: third, handler: noop, dependsOn: [second] }
      """;
  static final String LEAD_INPUT = "{\"audience\": \"CTOs of fintech startups in Berlin\"}";

  @BeforeAll
  static void applyWorkflows() {
    Executions.apply(stack.platform().client(), FAILING);
    Executions.apply(stack.platform().client(), SLOW);
  }

  private static Result baton(String... args) {
    return CliRunner.baton(stack.platform(), args);
  }

  private static String progressServer() {
    return stack.platform().progressTarget();
  }

  @Test
  void runWatchOfTheLeadPipelineExitsZeroWithALinePerStepUpToHundredPercent() {
    Result run = baton("run", "lead-pipeline", "--input", LEAD_INPUT, "--watch", "--progress-server", progressServer());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\r");
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("\\[  0%] execution \\S+ \\(lead-pipeline v\\d+\\) RUNNING, .*");
    for (String step : List.of("translate", "enrich", "email")) {
      assertThat(lines).filteredOn(l -> l.endsWith("] " + step + " started")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.endsWith("] " + step + " succeeded")).hasSize(1);
    }
    assertThat(lines.get(lines.size() - 1)).matches("\\[100%] execution \\S+ \\(lead-pipeline v\\d+\\) SUCCEEDED in .*");
    assertThat(lines).doesNotHaveDuplicates();
  }

  @Test
  void watchOfAFailingExecutionExitsOneAndShowsTheErrorWithWhatHappensNext() {
    String id = Executions.start(stack.platform().client(), "cli-fails", "{}").getId();

    Result watch = baton("watch", id, "--progress-server", progressServer());

    assertThat(watch.exit()).as(watch.err()).isEqualTo(1);
    assertThat(watch.out())
        .contains("] boom attempt 2 failed: BOOM: attempt 2 failed on purpose; next: ")
        .containsPattern("\\] execution " + id + " \\(cli-fails v1\\) FAILED in \\S+\n$");
    assertThat(watch.err()).isEmpty();
  }

  @Test
  void runWatchShowsEachAttemptsErrorAsItHappens() {
    Result run = baton("run", "cli-fails", "--watch", "--progress-server", progressServer());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .containsOnlyOnce("] boom attempt 1 failed: BOOM: attempt 1 failed on purpose; next: retry (attempt 2)")
        .containsOnlyOnce("] boom retrying (attempt 2)\n")
        .containsOnlyOnce("] boom attempt 2 failed: BOOM: attempt 2 failed on purpose; next: ")
        .containsOnlyOnce("] boom failed\n");
  }

  @Test
  void watchOfAnUnknownOrMalformedIdIsAOneLineErrorAndNonZeroExit() {
    Result unknown = baton("watch", "00000000-0000-0000-0000-000000000009", "--progress-server", progressServer());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err()).startsWith("baton: NOT_FOUND: ").contains("00000000-0000-0000-0000-000000000009")
        .hasLineCount(1);

    Result malformed = baton("watch", "not-a-uuid", "--progress-server", progressServer());
    assertThat(malformed.exit()).isEqualTo(1);
    assertThat(malformed.err()).startsWith("baton: INVALID_ARGUMENT: ").contains("execution_id").hasLineCount(1);
  }

  @Test
  void jsonWatchIsEveryEventOnceInOrderEndingWithTheOutcome() throws Exception {
    Result run = baton("-o", "json", "run", "lead-pipeline", "--input", LEAD_INPUT, "--watch",
        "--progress-server", progressServer());

    assertThat(run.exit()).as(run.err()).isZero();
    List<ExecutionUpdate> updates = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      ExecutionUpdate.Builder update = ExecutionUpdate.newBuilder();
      JsonFormat.parser().merge(line, update);
      updates.add(update.build());
    }
    assertThat(updates.get(0).getSnapshot()).isTrue();
    assertThat(updates.get(0).getProgress().getSequence()).isEqualTo(1);
    List<Long> sequences = updates.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList();
    assertThat(sequences).first().isEqualTo(2L);
    for (int i = 1; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
    }
    ExecutionUpdate last = updates.get(updates.size() - 1);
    assertThat(last.getProgress().getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(last.getProgress().getPercent()).isEqualTo(100.0);
  }

  @Test
  void watchRidesOutAProgressServiceRestartWithoutGapOrRepeat() throws Exception {
    StringWriter out = new StringWriter();
    String target = progressServer();
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(
        () -> CliRunner.baton(stack.platform(), out, "run", "cli-slow", "--watch", "--progress-server", target));
    await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("] first started"));

    stack.platform().stopProgress();
    stack.platform().startProgress();
    assertThat(run).as("the restart happened while the execution ran").isNotDone();

    Result result = run.get(30, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(lines.subList(1, lines.size())).map(l -> l.substring(l.indexOf("] ") + 2)).startsWith(
        "first started", "first succeeded", "second started", "second succeeded", "third started",
        "third succeeded");
    assertThat(lines.get(lines.size() - 1)).startsWith("[100%] execution ").contains("SUCCEEDED");
  }
}
