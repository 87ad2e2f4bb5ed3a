package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.common.redis.RedisClients;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A watcher that reconnects with the last sequence it saw gets every missed event once, in order. */
class ProgressResumeIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /** A run long enough to disconnect in, with a retry and a forEach (ProgressReplicasIT runs it too). */
  static final String SLOW = """
      name: progress-slow
      steps:
        - { id: prepare, handler: noop }
        - id: flaky
          dependsOn: [prepare]
          handler: test-flaky
          config: { failures: 1 }
          retry: { maxAttempts: 3, initialBackoff: 200ms, jitter: 0 }
        - id: items
          dependsOn: [prepare]
          handler: sleep
          forEach: { items: "input.items", concurrency: 2 }
          input: { duration: "100ms" }
        - { id: done, handler: noop, dependsOn: [flaky, items] }
      """;

  static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    Executions.apply(stack.platform().client(), SLOW);
    channel = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() {
    channel.shutdownNow();
  }

  @Test
  void reconnectingWithTheLastSequenceMissesNothingAndRepeatsNothing() {
    Execution started = start();
    ProgressWatch first = ProgressWatch.start(channel, stack.admin(), started.getId(), 1);
    awaitEvents(first, 12);
    first.cancel();

    ProgressWatch second = ProgressWatch.start(channel, stack.admin(), started.getId(), first.lastSequence());

    assertThat(second.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    assertNoGapNoDuplicate(started.getId(), first, second);
  }

  @Test
  void resumeWorksAcrossAProgressServiceRestart() {
    Execution started = start();
    ProgressWatch first = ProgressWatch.start(channel, stack.admin(), started.getId(), 1);
    awaitEvents(first, 12);

    stack.platform().stopProgress();
    assertThat(first.awaitEnd(Duration.ofSeconds(10)).isOk()).isFalse();
    stack.platform().startProgress();
    ProgressWatch second = ProgressWatch.start(channel, stack.admin(), started.getId(), first.lastSequence());

    assertThat(second.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    assertNoGapNoDuplicate(started.getId(), first, second);
  }

  /**
   * Loses the Redis data while an execution runs: FLUSHALL, and again every 20 ms for a second, so
   * that many events are certainly never delivered through the fan-out stream. (The dev ITs run
   * one after another in one JVM, so no other test's stack is flushed; FaultsIT does the same.)
   */
  @Test
  void resumeAndLiveStreamsSurviveLosingTheRedisData() throws Exception {
    Execution started = start();
    ProgressWatch first = ProgressWatch.start(channel, stack.admin(), started.getId(), 1);
    ProgressWatch uninterrupted = ProgressWatch.start(channel, stack.admin(), started.getId(), 1);
    awaitEvents(first, 8);
    first.cancel();

    RedisClient client = RedisClients.create(stack.platform().redis());
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < until) {
        redis.sync().flushall();
        Thread.sleep(20);
      }
    } finally {
      client.shutdown();
    }
    ProgressWatch second = ProgressWatch.start(channel, stack.admin(), started.getId(), first.lastSequence());

    assertThat(second.awaitEnd(Duration.ofSeconds(60))).isEqualTo(Status.OK);
    assertThat(uninterrupted.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
    assertNoGapNoDuplicate(started.getId(), first, second);
    List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
    assertThat(uninterrupted.eventSequences())
        .containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
    assertThat(uninterrupted.updates()).as("some events came back from PostgreSQL, not from the fan-out")
        .anyMatch(u -> u.hasEvent() && !u.hasPublishTime());
    assertThat(Executions.get(stack.platform().client(), started.getId()).getStatus())
        .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
  }

  private static Execution start() {
    return Executions.start(stack.platform().client(), "progress-slow", ProgressStreamIT.items(40));
  }

  private static void awaitEvents(ProgressWatch watch, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> watch.eventSequences().size() >= count);
  }

  private static void assertNoGapNoDuplicate(String executionId, ProgressWatch first, ProgressWatch second) {
    ResumeChecks.assertNoGapNoDuplicate(stack.platform(), executionId, first, second);
  }
}
