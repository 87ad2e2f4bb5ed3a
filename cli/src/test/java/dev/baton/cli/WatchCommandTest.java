package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.baton.cli.watch.OutcomeExitCode;
import dev.baton.cli.watch.ProgressRenderingTest;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.WatchExecutionRequest;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchCommandTest {
  private FakeProgressApi progress;

  @BeforeEach
  void start() throws Exception {
    progress = new FakeProgressApi();
  }

  @AfterEach
  void stop() {
    progress.close();
  }

  private CliResult watch(String... more) {
    List<String> args = new ArrayList<>(List.of("watch", "--progress-server", progress.target()));
    args.addAll(List.of(more));
    return CliResult.run(args.toArray(String[]::new));
  }

  @Test
  void succeededExecutionExitsZeroWithALinePerChangeAndWatchesFromTheCurrentState() {
    progress.thenStream(ProgressUpdates.succeeding());

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(ProgressRenderingTest.SUCCEEDING_LINES);
    assertThat(result.err()).isEmpty();
    assertThat(progress.requests).containsExactly(
        WatchExecutionRequest.newBuilder().setExecutionId("ex-1").setResumeAfter(0).build());
    assertThat(progress.authorizations).containsExactly("Bearer " + CliResult.API_KEY);
  }

  @Test
  void failedExecutionExitsOneAndShowsTheError() {
    progress.thenStream(ProgressUpdates.failing());

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).isEqualTo(OutcomeExitCode.FAILED).isEqualTo(1);
    assertThat(result.out()).isEqualTo(ProgressRenderingTest.FAILING_LINES);
  }

  @Test
  void cancelledExecutionExitsThree() {
    progress.thenStream(ProgressUpdates.cancelled());

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).isEqualTo(OutcomeExitCode.CANCELLED).isEqualTo(3);
    assertThat(result.out()).endsWith("[ 33%] translate cancelled\n"
        + "[100%] execution ex-1 (lead-pipeline v3) CANCELLED in 400ms\n");
  }

  @Test
  void unavailableStreamIsResumedAfterTheLastEventSeenWithoutGapOrRepeat() {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    long lastSent = run.get(5).getEvent().getSequence();
    progress.thenStreamAndFail(run.subList(0, 6), Status.UNAVAILABLE.withDescription("progress-svc shutting down"))
        .thenStream(ProgressUpdates.resumedAfter(run, lastSent));

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(ProgressRenderingTest.SUCCEEDING_LINES);
    assertThat(progress.requests).extracting(WatchExecutionRequest::getResumeAfter).containsExactly(0L, lastSent);
  }

  @Test
  void watcherThatFellBehindResumesAndSkipsEventsSentAgain() {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    long lastSent = run.get(7).getEvent().getSequence();
    // a server that replays from earlier than asked must not make lines appear twice
    progress.thenStreamAndFail(run.subList(0, 8), Status.RESOURCE_EXHAUSTED.withDescription("watcher too slow"))
        .thenStream(ProgressUpdates.resumedAfter(run, lastSent - 3));

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(ProgressRenderingTest.SUCCEEDING_LINES);
    assertThat(progress.requests).extracting(WatchExecutionRequest::getResumeAfter).containsExactly(0L, lastSent);
  }

  @Test
  void streamThatEndsBeforeTheExecutionIsResumed() {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    long lastSent = run.get(2).getEvent().getSequence();
    progress.thenStream(run.subList(0, 3)).thenStream(ProgressUpdates.resumedAfter(run, lastSent));

    CliResult result = watch("ex-1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(ProgressRenderingTest.SUCCEEDING_LINES);
    assertThat(progress.requests).hasSize(2);
  }

  @Test
  void unknownExecutionIsAOneLineErrorWithoutRetrying() {
    progress.thenStreamAndFail(List.of(), Status.NOT_FOUND.withDescription("execution 'ex-9' not found"));

    CliResult result = watch("ex-9");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("baton: NOT_FOUND: execution 'ex-9' not found\n");
    assertThat(progress.requests).hasSize(1);
  }

  @Test
  void jsonOutputIsOneUpdatePerLine() throws Exception {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    progress.thenStream(run);

    CliResult result = CliResult.run("-o", "json", "watch", "--progress-server", progress.target(), "ex-1");

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(run.size());
    ExecutionUpdate.Builder last = ExecutionUpdate.newBuilder();
    JsonFormat.parser().merge(lines.get(lines.size() - 1), last);
    assertThat(last.build()).isEqualTo(run.get(run.size() - 1));
  }
}
