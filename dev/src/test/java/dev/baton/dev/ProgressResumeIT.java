package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
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
    ProgressWatch first = ProgressWatch.start(channel, "default", started.getId(), 1);
    awaitEvents(first, 12);
    first.cancel();

    ProgressWatch second = ProgressWatch.start(channel, "default", started.getId(), first.lastSequence());

    assertThat(second.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    assertNoGapNoDuplicate(started.getId(), first, second);
  }

  @Test
  void resumeWorksAcrossAProgressServiceRestart() {
    Execution started = start();
    ProgressWatch first = ProgressWatch.start(channel, "default", started.getId(), 1);
    awaitEvents(first, 12);

    stack.platform().stopProgress();
    assertThat(first.awaitEnd(Duration.ofSeconds(10)).isOk()).isFalse();
    stack.platform().startProgress();
    ProgressWatch second = ProgressWatch.start(channel, "default", started.getId(), first.lastSequence());

    assertThat(second.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    assertNoGapNoDuplicate(started.getId(), first, second);
  }

  /**
   * Loses the Redis fan-out while an execution runs. The Redis server is shared with other test
   * runs on this machine, so instead of FLUSHALL the test deletes every key of this stack's prefix
   * (what FLUSHALL does to this stack: its task queues and the event stream), and keeps deleting
   * the event stream for a second so that many events are certainly never delivered through it.
   */
  @Test
  void resumeAndLiveStreamsSurviveLosingTheRedisData() throws Exception {
    Execution started = start();
    ProgressWatch first = ProgressWatch.start(channel, "default", started.getId(), 1);
    ProgressWatch uninterrupted = ProgressWatch.start(channel, "default", started.getId(), 1);
    awaitEvents(first, 8);
    first.cancel();

    String prefix = stack.platform().redis().keyPrefix();
    RedisClient client = RedisClient.create(stack.platform().redis().uri());
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      deleteKeys(redis, prefix + ":*");
      long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < until) {
        redis.sync().del(stack.platform().redis().eventStream());
        Thread.sleep(20);
      }
    } finally {
      client.shutdown();
    }
    ProgressWatch second = ProgressWatch.start(channel, "default", started.getId(), first.lastSequence());

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

  private static void deleteKeys(StatefulRedisConnection<String, String> redis, String pattern) {
    KeyScanCursor<String> cursor = redis.sync().scan(ScanArgs.Builder.matches(pattern).limit(500));
    while (true) {
      if (!cursor.getKeys().isEmpty()) {
        redis.sync().del(cursor.getKeys().toArray(String[]::new));
      }
      if (cursor.isFinished()) {
        return;
      }
      cursor = redis.sync().scan(ScanCursor.of(cursor.getCursor()), ScanArgs.Builder.matches(pattern).limit(500));
    }
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
