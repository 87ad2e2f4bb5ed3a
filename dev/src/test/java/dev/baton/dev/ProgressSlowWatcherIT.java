package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.progress.ProgressServer;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow watchers (progress-svc/README.md): a watcher that reads is never ended, however large a
 * burst of updates is against its buffer (it takes the rest through the paced catch-up); a client
 * that reads nothing fills only its own bounded buffer, delays no one, and is ended once it has
 * taken nothing for the slow-watcher timeout.
 */
class ProgressSlowWatcherIT {
  /** Small, so that a burst is many buffers long. */
  private static final int BUFFER = 16;
  private static final Duration SLOW_WATCHER_TIMEOUT = Duration.ofSeconds(5);
  private static final String FELL_BEHIND = "baton_progress_watcher_fell_behind_total";
  private static final String TIMED_OUT = "baton_progress_watcher_timed_out_total";

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of(
      "BATON_PROGRESS_WATCHER_BUFFER", Integer.toString(BUFFER),
      "BATON_PROGRESS_SLOW_WATCHER_TIMEOUT", SLOW_WATCHER_TIMEOUT.toSeconds() + "s"));

  static ManagedChannel fast;
  /** A tiny HTTP/2 window: the client's transport stops taking data almost at once when nobody reads. */
  static ManagedChannel slow;

  @BeforeAll
  static void connect() {
    Executions.apply(stack.platform().client(), """
        name: progress-many-events
        steps:
          - { id: prepare, handler: noop }
          - id: items
            dependsOn: [prepare]
            handler: noop
            forEach: { items: "input.items", concurrency: 8 }
          - { id: done, handler: noop, dependsOn: [items] }
        """);
    fast = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
    slow = NettyChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext()
        .flowControlWindow(1024).build();
  }

  @AfterAll
  static void disconnect() {
    fast.shutdownNow();
    slow.shutdownNow();
  }

  @Test
  void readingWatchersGetBurstsManyBuffersLongCompletelyInOrderAndWithTheLiveProgress() throws Exception {
    // Without the fan-out (a key prefix nobody publishes to) a replica learns the events from its
    // sweep of the event log, once a second: each sweep applies hundreds of them in one turn.
    ProgressServer replica = stack.platform().startProgressReplica(
        Map.of("BATON_REDIS_PREFIX", "no-fan-out-" + UUID.randomUUID()));
    ManagedChannel toReplica = ManagedChannelBuilder.forTarget(replica.target()).usePlaintext().build();
    try {
      double fellBehindBefore = PrometheusText.scrape(replica.port()).sum(FELL_BEHIND, Map.of());
      Execution started = start(600);
      List<ProgressWatch> onReplica = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        onReplica.add(ProgressWatch.start(toReplica, stack.admin(), started.getId(), 1));
      }
      ProgressWatch onMain = ProgressWatch.start(fast, stack.admin(), started.getId(), 1);

      assertThat(onMain.awaitEnd(Duration.ofSeconds(60))).isEqualTo(Status.OK);
      List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
      assertThat(rows.size()).as("the run is many buffers long").isGreaterThan(50 * BUFFER);
      List<Long> all = LongStream.rangeClosed(2, rows.size()).boxed().toList();
      assertThat(onMain.eventSequences()).containsExactlyElementsOf(all);
      for (ProgressWatch watch : onReplica) {
        assertThat(watch.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
        assertThat(watch.eventSequences()).containsExactlyElementsOf(all);
        // paced or live, each event comes with the progress after it
        assertThat(ProgressReplicasIT.observed(watch.updates()))
            .containsExactlyElementsOf(ProgressReplicasIT.observed(onMain.updates()));
      }
      assertThat(onReplica.get(0).updates()).as("the replica had no fan-out").noneMatch(ExecutionUpdate::hasPublishTime);
      assertThat(PrometheusText.scrape(replica.port()).sum(FELL_BEHIND, Map.of()) - fellBehindBefore)
          .as("each of the replica's watchers was handed a burst larger than its buffer at least once")
          .isGreaterThanOrEqualTo(3);
    } finally {
      toReplica.shutdownNow();
      replica.close();
    }
  }

  @Test
  void aWatcherThatReadsNothingDelaysNoOneAndIsEndedAfterTheSlowWatcherTimeout() throws Exception {
    int port = stack.platform().progress().port();
    double timedOutBefore = PrometheusText.scrape(port).sum(TIMED_OUT, Map.of());
    Execution started = start(600);
    SlowCall slowCall = new SlowCall(slow, started.getId(), 0);
    List<ProgressWatch> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(ProgressWatch.start(fast, stack.admin(), started.getId(), 1));
    }

    // not ended before it has read nothing for the timeout (it cannot have stalled before it opened)
    await().during(SLOW_WATCHER_TIMEOUT.minusMillis(500)).atMost(SLOW_WATCHER_TIMEOUT)
        .until(() -> PrometheusText.scrape(port).sum(TIMED_OUT, Map.of()) == timedOutBefore);
    List<EventRows.Row> rows = null;
    for (ProgressWatch other : others) {
      assertThat(other.awaitEnd(Duration.ofSeconds(60))).isEqualTo(Status.OK);
      ExecutionUpdate last = other.updates().get(other.updates().size() - 1);
      Instant executionEnd = Instant.ofEpochSecond(last.getProgress().getEndTime().getSeconds(),
          last.getProgress().getEndTime().getNanos());
      assertThat(Duration.between(executionEnd, other.endedAt())).as("delay after the execution ended")
          .isLessThan(Duration.ofSeconds(2));
      rows = EventRows.of(stack.platform(), started.getId());
      assertThat(other.eventSequences()).containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
    }
    // the server ends it; its client sees the status only after the updates it has not read
    await().atMost(SLOW_WATCHER_TIMEOUT.plusSeconds(30))
        .until(() -> PrometheusText.scrape(port).sum(TIMED_OUT, Map.of()) == timedOutBefore + 1);
    assertThat(slowCall.end).as("the slow watcher has not been told anything it did not read").isNotDone();

    slowCall.call.request(Integer.MAX_VALUE);
    Status status = slowCall.end.get(20, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    List<ExecutionUpdate> received = List.copyOf(slowCall.updates);
    assertThat(received.get(0).getSnapshot()).isTrue();
    long snapshotSequence = received.get(0).getProgress().getSequence();
    long lastDelivered = received.get(received.size() - 1).getProgress().getSequence();
    assertThat(status.getDescription()).contains("took no update for 5s")
        .contains("watch again with resume_after=" + lastDelivered);
    assertThat(rows.size() - lastDelivered).as("the resumed watch starts more than its buffer behind")
        .isGreaterThan(BUFFER);
    assertThat(received.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(snapshotSequence + 1, lastDelivered).boxed().toList());

    ProgressWatch resumed = ProgressWatch.start(fast, stack.admin(), started.getId(), lastDelivered);
    assertThat(resumed.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(resumed.eventSequences())
        .containsExactlyElementsOf(LongStream.rangeClosed(lastDelivered + 1, rows.size()).boxed().toList());
  }

  @Test
  void aWatcherCatchingUpThatPausesForLessThanTheTimeoutStaysOpenAndThenGetsEverything() throws Exception {
    Execution done = Executions.awaitEnd(stack.platform().client(), start(600).getId(), Duration.ofSeconds(60));
    List<EventRows.Row> rows = EventRows.of(stack.platform(), done.getId());
    assertThat(rows.size()).as("the backlog is many buffers long").isGreaterThan(50 * BUFFER);

    SlowCall slowCall = new SlowCall(slow, done.getId(), 1);
    Instant opened = Instant.now();
    ProgressWatch other = ProgressWatch.start(fast, stack.admin(), done.getId(), 1);
    assertThat(other.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(other.eventSequences()).containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
    assertThat(slowCall.end).as("the paused watcher is still open").isNotDone();
    assertThat(Duration.between(opened, Instant.now())).as("paused for less than the timeout")
        .isLessThan(SLOW_WATCHER_TIMEOUT);

    slowCall.call.request(Integer.MAX_VALUE);
    assertThat(slowCall.end.get(20, TimeUnit.SECONDS)).isEqualTo(Status.OK);
    assertThat(slowCall.updates.get(0).getSnapshot()).isTrue();
    assertThat(slowCall.updates.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
  }

  private static Execution start(int items) {
    return Executions.start(stack.platform().client(), "progress-many-events", ProgressStreamIT.items(items));
  }

  /** A raw call that asks for one message and then reads nothing until told to. */
  private static final class SlowCall {
    final ClientCall<WatchExecutionRequest, ExecutionUpdate> call;
    final List<ExecutionUpdate> updates = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();

    SlowCall(ManagedChannel channel, String executionId, long resumeAfter) {
      call = ClientInterceptors.intercept(channel, stack.admin().interceptor())
          .newCall(ProgressServiceGrpc.getWatchExecutionMethod(), CallOptions.DEFAULT);
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(ExecutionUpdate message) {
          updates.add(message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          end.complete(status);
        }
      }, new Metadata());
      call.sendMessage(WatchExecutionRequest.newBuilder().setExecutionId(executionId).setResumeAfter(resumeAfter).build());
      call.halfClose();
      call.request(1);
    }
  }
}
