package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.StepStatus;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WatchExecution through the real stack: ordering, completeness and content of the stream. */
class ProgressStreamIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  static final String BUSY = """
      name: progress-busy
      steps:
        - { id: prepare, handler: noop }
        - id: flaky
          dependsOn: [prepare]
          handler: test-flaky
          config: { failures: 2 }
          retry: { maxAttempts: 4, initialBackoff: 100ms, multiplier: 1, jitter: 0 }
        - id: items
          dependsOn: [prepare]
          handler: sleep
          forEach: { items: "input.items", concurrency: 4 }
          input: { duration: "30ms" }
        - { id: done, handler: noop, dependsOn: [flaky, items] }
      """;

  static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    Executions.apply(stack.platform().client(), BUSY);
    channel = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() {
    channel.shutdownNow();
  }

  static String items(int n) {
    return "{\"items\": [" + String.join(",", LongStream.rangeClosed(1, n).mapToObj(Long::toString).toList()) + "]}";
  }

  @Test
  void concurrentWatchersEachReceiveEveryEventOnceInOrderAsInTheEventLog() {
    Execution started = Executions.start(stack.platform().client(), "progress-busy", items(24));
    List<ProgressWatch> fromStart = new ArrayList<>();
    List<ProgressWatch> fromNow = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fromStart.add(ProgressWatch.start(channel, stack.admin(), started.getId(), 1));
      fromNow.add(ProgressWatch.start(channel, stack.admin(), started.getId(), 0));
    }

    for (ProgressWatch watch : fromStart) {
      assertThat(watch.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    }
    for (ProgressWatch watch : fromNow) {
      assertThat(watch.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    }
    List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
    long last = rows.get(rows.size() - 1).sequence();
    assertThat(rows).hasSizeGreaterThan(24 * 2 + 8);
    assertThat(rows.get(rows.size() - 1).type()).isEqualTo("EXECUTION_SUCCEEDED");
    for (ProgressWatch watch : fromStart) {
      List<ExecutionUpdate> updates = watch.updates();
      assertThat(updates.get(0).getSnapshot()).isTrue();
      assertThat(updates.get(0).getProgress().getSequence()).isEqualTo(1);
      assertThat(watch.eventSequences()).containsExactlyElementsOf(LongStream.rangeClosed(2, last).boxed().toList());
      assertThat(updates.stream().filter(ExecutionUpdate::hasEvent).map(u -> EventRows.Row.of(u.getEvent())).toList())
          .containsExactlyElementsOf(rows.subList(1, rows.size()));
      assertFinal(updates.get(updates.size() - 1).getProgress(), last);
    }
    for (ProgressWatch watch : fromNow) {
      List<ExecutionUpdate> updates = watch.updates();
      long snapshotAt = updates.get(0).getProgress().getSequence();
      assertThat(updates.get(0).getSnapshot()).isTrue();
      assertThat(watch.eventSequences())
          .containsExactlyElementsOf(LongStream.rangeClosed(snapshotAt + 1, last).boxed().toList());
      assertFinal(updates.get(updates.size() - 1).getProgress(), last);
    }
  }

  @Test
  void badRequestsAreRejectedWithTheFieldNamed() {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "progress-busy", items(1)).getId(), Duration.ofSeconds(30));
    long last = EventRows.of(stack.platform(), done.getId()).size();

    BatonCredentials otherTenant = stack.platform().keys().create("other-tenant", Role.ROLE_VIEWER, "stream-it");
    assertRejected(stack.admin(), "not-a-uuid", 0, Status.Code.INVALID_ARGUMENT, "execution_id: 'not-a-uuid'");
    assertRejected(stack.admin(), "", 0, Status.Code.INVALID_ARGUMENT, "execution_id: missing");
    assertRejected(stack.admin(), java.util.UUID.randomUUID().toString(), 0, Status.Code.NOT_FOUND, "execution_id:");
    assertRejected(otherTenant, done.getId(), 0, Status.Code.NOT_FOUND, "execution_id:");
    assertRejected(stack.admin(), done.getId(), -1, Status.Code.INVALID_ARGUMENT, "resume_after: -1");
    assertRejected(stack.admin(), done.getId(), last + 1, Status.Code.INVALID_ARGUMENT,
        "resume_after: " + (last + 1) + " (expected: 0.." + last);
  }

  @Test
  void watchingAFinishedExecutionGivesItsStateAndTheEventsAfterResumeThenEnds() {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "progress-busy", items(2)).getId(), Duration.ofSeconds(30));
    List<EventRows.Row> rows = EventRows.of(stack.platform(), done.getId());

    ProgressWatch now = ProgressWatch.start(channel, stack.admin(), done.getId(), 0);
    ProgressWatch resumed = ProgressWatch.start(channel, stack.admin(), done.getId(), rows.size() - 3);

    assertThat(now.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(now.updates()).hasSize(1);
    assertThat(now.updates().get(0).getSnapshot()).isTrue();
    assertThat(now.updates().get(0).getProgress().getSequence()).isEqualTo(rows.size());
    assertThat(now.updates().get(0).getProgress().getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(resumed.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(resumed.eventSequences()).containsExactly((long) rows.size() - 2, (long) rows.size() - 1, (long) rows.size());
  }

  private static void assertRejected(BatonCredentials key, String id, long resumeAfter, Status.Code code,
      String message) {
    Status status = ProgressWatch.start(channel, key, id, resumeAfter).awaitEnd(Duration.ofSeconds(10));
    assertThat(status.getCode()).as(id + " @" + resumeAfter).isEqualTo(code);
    assertThat(status.getDescription()).contains(message);
  }

  private static void assertFinal(ExecutionProgress progress, long last) {
    assertThat(progress.getSequence()).isEqualTo(last);
    assertThat(progress.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(progress.getPercent()).isEqualTo(100.0);
    assertThat(progress.getStepsList()).allMatch(s -> s.getStatus() == StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(progress.getSteps(1).getAttempt()).isEqualTo(3);
    assertThat(progress.getSteps(1).getAttemptsList()).extracting(a -> a.getOutcome())
        .containsExactly("FAILED", "FAILED", "SUCCEEDED");
    assertThat(progress.getSteps(2).getItemsDone()).isEqualTo(24);
    assertThat(progress.getSteps(2).getItemsTotal()).isEqualTo(24);
    assertThat(progress.getLastError().getCode()).isEqualTo("FLAKY");
  }
}
