package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.common.tenant.Tenants;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that does not read fills only its own bounded buffer; the others are not delayed. A
 * live watcher that falls behind by more than the buffer ends with RESOURCE_EXHAUSTED; a watcher
 * catching up on what it missed takes it at its own pace and is never ended for that.
 */
class ProgressSlowWatcherIT {
  /**
   * The default buffer. With 64, a reading watcher was now and then cut off too on a quiet machine:
   * a burst of updates queued faster than one event-loop turn could write them (see the slow
   * watchers section of progress-svc/README.md).
   */
  private static final int BUFFER = 256;

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_PROGRESS_WATCHER_BUFFER",
      Integer.toString(BUFFER)));

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
  void aLiveWatcherThatDoesNotReadEndsWithResourceExhaustedAndDelaysNoOne() throws Exception {
    Execution started = Executions.start(stack.platform().client(), "progress-many-events",
        ProgressStreamIT.items(600));
    SlowCall slowCall = new SlowCall(slow, started.getId());
    List<ProgressWatch> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(ProgressWatch.start(fast, "default", started.getId(), 1));
    }

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
    assertThat(slowCall.end).as("the slow watcher has not been told anything it did not read").isNotDone();

    slowCall.call.request(Integer.MAX_VALUE);
    Status status = slowCall.end.get(20, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    List<ExecutionUpdate> received = List.copyOf(slowCall.updates);
    long lastDelivered = received.get(received.size() - 1).getProgress().getSequence();
    assertThat(status.getDescription()).contains("resume_after=" + lastDelivered);
    assertThat(rows.size() - lastDelivered).as("the resumed watch starts more than its buffer behind")
        .isGreaterThan(BUFFER);
    assertThat(received.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(2, lastDelivered).boxed().toList());

    ProgressWatch resumed = ProgressWatch.start(fast, "default", started.getId(), lastDelivered);
    assertThat(resumed.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(resumed.eventSequences())
        .containsExactlyElementsOf(LongStream.rangeClosed(lastDelivered + 1, rows.size()).boxed().toList());
  }

  @Test
  void aWatcherCatchingUpThatDoesNotReadIsPausedNotEndedAndLaterGetsEverything() throws Exception {
    Execution done = Executions.awaitEnd(stack.platform().client(), Executions.start(stack.platform().client(),
        "progress-many-events", ProgressStreamIT.items(600)).getId(), Duration.ofSeconds(60));
    List<EventRows.Row> rows = EventRows.of(stack.platform(), done.getId());
    assertThat(rows.size()).as("the backlog is many buffers long").isGreaterThan(4 * BUFFER);

    SlowCall slowCall = new SlowCall(slow, done.getId());
    ProgressWatch other = ProgressWatch.start(fast, "default", done.getId(), 1);
    assertThat(other.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertThat(other.eventSequences()).containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
    assertThat(slowCall.end).as("the paused watcher is still open").isNotDone();

    slowCall.call.request(Integer.MAX_VALUE);
    assertThat(slowCall.end.get(20, TimeUnit.SECONDS)).isEqualTo(Status.OK);
    assertThat(slowCall.updates.get(0).getSnapshot()).isTrue();
    assertThat(slowCall.updates.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
  }

  /** A raw call that asks for one message and then reads nothing until told to. */
  private static final class SlowCall {
    final ClientCall<WatchExecutionRequest, ExecutionUpdate> call;
    final List<ExecutionUpdate> updates = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();

    SlowCall(ManagedChannel channel, String executionId) {
      call = channel.newCall(ProgressServiceGrpc.getWatchExecutionMethod(), CallOptions.DEFAULT);
      Metadata headers = new Metadata();
      headers.put(Tenants.HEADER, "default");
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(ExecutionUpdate message) {
          updates.add(message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          end.complete(status);
        }
      }, headers);
      call.sendMessage(WatchExecutionRequest.newBuilder().setExecutionId(executionId).setResumeAfter(1).build());
      call.halfClose();
      call.request(1);
    }
  }
}
