package dev.baton.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.common.auth.KeySecret;
import dev.baton.common.config.Env;
import dev.baton.common.config.RedisConfig;
import dev.baton.proto.internal.v1.Task;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.testkit.FailedStart;
import dev.baton.testkit.Leftovers;
import dev.baton.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor wired by {@link ExecutorNode} against real Redis ({@link TestRedis}) and a test double of
 * the orchestrator's executor API. Each test uses its own key prefix.
 */
class ExecutorNodeTest {
  private static Vertx vertx;
  private static RedisClient redisClient;
  private static StatefulRedisConnection<String, byte[]> redisConnection;

  private final GateHandler gate = new GateHandler();
  private final String prefix = "baton-executor-test-" + UUID.randomUUID();
  private final String apiKey = KeySecret.generate().text();
  private RedisCommands<String, byte[]> redis;
  private OrchestratorExecutorApiDouble orchestrator;
  private ExecutorNode node;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redisClient = RedisClient.create(TestRedis.uri());
    redisConnection = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  @AfterAll
  static void disconnect() {
    redisConnection.close();
    redisClient.shutdown();
    vertx.close();
  }

  @BeforeEach
  void startOrchestratorDouble() throws Exception {
    redis = redisConnection.sync();
    orchestrator = new OrchestratorExecutorApiDouble();
  }

  @AfterEach
  void stopAll() throws Exception {
    gate.open();
    if (node != null) {
      node.close();
    }
    orchestrator.close();
    List<String> keys = redisConnection.sync().keys(prefix + "*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
  }

  private ExecutorNode start(Map<String, String> overrides) {
    node = ExecutorNode.create(config(overrides), vertx, List.of(gate)).start();
    return node;
  }

  private ExecutorConfig config(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of(
        "BATON_EXECUTOR_ID", "test-executor",
        "BATON_ORCHESTRATOR_TARGET", orchestrator.target(),
        "BATON_TASK_QUEUES", "default",
        "BATON_EXECUTOR_PORT", "0",
        "BATON_EXECUTOR_HOST", "127.0.0.1",
        "BATON_EXECUTOR_HEARTBEAT_INTERVAL", "100ms",
        "BATON_EXECUTOR_SHUTDOWN_GRACE", "5s",
        "BATON_REDIS_PREFIX", prefix,
        "BATON_REDIS_URI", TestRedis.uri(),
        "BATON_API_KEY", apiKey));
    // no collector here: an exporter retrying against nothing would stretch every stop by its flush
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.putAll(overrides);
    return ExecutorConfig.from(new Env(env));
  }

  private String streamKey() {
    return new RedisConfig(TestRedis.uri(), prefix).taskStream("default");
  }

  private void enqueue(Task task) {
    redis.xadd(streamKey(), Map.of("task", task.toByteArray()));
  }

  private static Task task(String id, String handler, String inputJson) {
    return Task.newBuilder()
        .setTaskId(id)
        .setExecutionId("exec-1")
        .setStepId("step")
        .setAttempt(1)
        .setItemIndex(-1)
        .setHandler(handler)
        .setInputJson(inputJson)
        .setIdempotencyKey(id)
        .build();
  }

  private TaskResult awaitResult(String taskId) {
    await().atMost(Duration.ofSeconds(10)).until(() -> orchestrator.result(taskId).isPresent());
    return orchestrator.result(taskId).orElseThrow();
  }

  @Test
  void runsAQueuedTaskReportsItsOutputAndEmptiesTheStream() {
    start(Map.of());

    enqueue(task("t1", "noop", "{\"lead\":\"ada\"}"));

    assertThat(awaitResult("t1").getOutputJson()).isEqualTo("{\"lead\":\"ada\"}");
    await().until(() -> redis.xlen(streamKey()) == 0);
    assertThat(orchestrator.reports.get(0).getExecutorId()).isEqualTo("test-executor");
  }

  @Test
  void registersItsQueuesAndHandlers() {
    start(Map.of());

    await().until(() -> !orchestrator.registrations.isEmpty());
    assertThat(orchestrator.registrations.get(0).getExecutorId()).isEqualTo("test-executor");
    assertThat(orchestrator.registrations.get(0).getTaskQueuesList()).containsExactly("default");
    assertThat(orchestrator.registrations.get(0).getHandlersList())
        .contains("gate", "http", "noop", "sleep", "transform");
  }

  @Test
  void callsTheOrchestratorWithItsApiKeyOnEveryMethod() {
    start(Map.of());
    enqueue(task("held", "gate", "{}"));
    await().until(() -> orchestrator.heartbeatMentioned("held"));
    gate.open();
    awaitResult("held");

    assertThat(orchestrator.authorizations).containsOnlyKeys("RegisterExecutor", "Heartbeat", "ReportResults");
    assertThat(orchestrator.authorizations.values()).allSatisfy(
        headers -> assertThat(headers).isNotEmpty().containsOnly("Bearer " + apiKey));
  }

  @Test
  void consumesTasksQueuedBeforeItStarted() {
    redis.xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(streamKey(), "0-0"), "executors",
        io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
    enqueue(task("early", "noop", "1"));

    start(Map.of());

    assertThat(awaitResult("early").getOutputJson()).isEqualTo("1");
  }

  @Test
  void keepsConsumingAfterRedisLosesTheStreamAndGroup() {
    start(Map.of());
    enqueue(task("before", "noop", "{}"));
    awaitResult("before");

    // What FLUSHALL does to this executor's keys; a real FLUSHALL would wipe other users of the shared Redis.
    redis.del(streamKey());
    enqueue(task("after", "noop", "{\"again\":true}"));

    assertThat(awaitResult("after").getOutputJson()).isEqualTo("{\"again\":true}");
  }

  @Test
  void heartbeatsRunningTasksAndStopsThoseTheOrchestratorCancelled() {
    start(Map.of());
    enqueue(task("long", "gate", "{}"));
    await().until(() -> orchestrator.heartbeatMentioned("long"));

    orchestrator.cancel("long");

    await().until(() -> gate.interrupted.containsKey("long"));
    assertThat(gate.started.get("long").isCancelled()).isTrue();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> orchestrator.result("long").isEmpty());
  }

  @Test
  void reportsTimeoutWhenAnAttemptOutlivesStartToClose() {
    start(Map.of());

    enqueue(task("slow", "sleep", "{\"duration\":\"10s\"}").toBuilder()
        .setStartToCloseTimeout(com.google.protobuf.Duration.newBuilder().setNanos(300_000_000))
        .build());

    TaskResult result = awaitResult("slow");
    assertThat(result.getError().getCode()).isEqualTo("TIMEOUT");
    assertThat(result.getError().getRetryable()).isTrue();
    assertThat(result.getError().getMessage()).contains("start-to-close");
  }

  @Test
  void retriesResultsWhileTheOrchestratorIsUnavailable() {
    orchestrator.failNextReports(2);
    start(Map.of());

    enqueue(task("t1", "noop", "{}"));

    assertThat(awaitResult("t1").getOutputJson()).isEqualTo("{}");
  }

  @Test
  void gracefulCloseLetsRunningTasksFinishAndDeliversTheirResults() {
    start(Map.of());
    enqueue(task("finishing", "sleep", "{\"duration\":\"500ms\"}"));
    await().until(() -> orchestrator.heartbeatMentioned("finishing"));

    node.close();

    assertThat(orchestrator.result("finishing")).hasValueSatisfying(
        r -> assertThat(r.getOutputJson()).isEqualTo("{\"sleptMs\":500}"));
  }

  @Test
  void closeStopsTasksThatOutlastTheGraceWithoutReportingThem() {
    start(Map.of("BATON_EXECUTOR_SHUTDOWN_GRACE", "200ms"));
    enqueue(task("stuck", "gate", "{}"));
    await().until(() -> gate.started.containsKey("stuck"));

    node.close();
    node.close(); // idempotent

    assertThat(gate.started.get("stuck").isCancelled()).isTrue();
    await().until(() -> gate.interrupted.containsKey("stuck"));
    assertThat(orchestrator.result("stuck")).isEmpty();
  }

  @Test
  void closedExecutorReadsNoMoreTasks() {
    start(Map.of());
    node.close();

    enqueue(task("late", "noop", "{}"));

    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> redis.xlen(streamKey()) == 1);
  }

  @Test
  void killAbandonsRunningTasksWithoutReporting() {
    start(Map.of());
    enqueue(task("abandoned", "gate", "{}"));
    await().until(() -> gate.started.containsKey("abandoned"));

    node.kill();
    gate.open();

    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> orchestrator.result("abandoned").isEmpty());
  }

  @Test
  void startFailsFastWhenRedisIsUnreachable() {
    assertThatThrownBy(() -> start(Map.of("BATON_REDIS_URI", "redis://127.0.0.1:1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BATON_REDIS_URI");
    node = null;
  }

  @Test
  void aStartFailingOnATakenHealthPortStopsItsReadersAndClosesRedisAndItsThreads() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ExecutorNode executor = ExecutorNode.create(config(Map.of("BATON_EXECUTOR_PORT",
          Integer.toString(taken.getLocalPort()))), vertx, List.of(gate));

      // by then its queue reader runs, Redis is connected and registration has begun; gRPC's shared
      // event loops and executor threads also serve the orchestrator double of this test
      FailedStart.check(executor::start, "BATON_EXECUTOR_PORT",
          Leftovers.since("vert.x-", "vertx-", "grpc-default-worker-ELG", "grpc-default-executor"));
    }
  }
}
