package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.common.redis.RedisClients;
import dev.baton.orchestrator.Orchestrator;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.lettuce.core.RedisClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real process and connection faults: kill -9, restarts, Redis data loss, competing replicas. */
class FaultsIT {
  private static final String CHAIN = """
      name: sleepy-chain
      steps:
        - { id: one,   handler: sleep, input: { duration: "%1$s" } }
        - { id: two,   handler: sleep, input: { duration: "%1$s" }, dependsOn: [one] }
        - { id: three, handler: sleep, input: { duration: "%1$s" }, dependsOn: [two] }
      """;

  @Test
  void executorKilledWithSigkillMidStepIsReplacedAndTheStepRedispatched() throws Exception {
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_DEV_EXECUTORS", "0", "BATON_DEV_EXAMPLES", "false"))) {
      Process executor = spawnExecutor(platform);
      try {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
            Executions.apply(platform.client(), CHAIN.formatted("4s").replace("sleepy-chain", "slow-one")) > 0);
        Execution started = Executions.start(platform.client(), "slow-one", "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> Db.count(platform,
            "SELECT count(*) FROM tasks WHERE status = 'RUNNING' AND execution_id = '" + started.getId() + "'") == 1);

        executor.destroyForcibly().waitFor();   // SIGKILL: no goodbye, no results
        platform.startExecutor(Map.of());

        Execution done = Executions.awaitEnd(platform.client(), started.getId(), Duration.ofSeconds(60));
        assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
        assertThat(Db.count(platform, "SELECT count(*) FROM execution_events WHERE type = 'TASK_REDELIVERED' "
            + "AND execution_id = '" + started.getId() + "'")).isGreaterThanOrEqualTo(1);
        assertThat(done.getSteps(0).getAttempt()).as("redelivery keeps the attempt").isEqualTo(1);
      } finally {
        executor.destroyForcibly();
      }
    }
  }

  @Test
  void executorGivenSigtermFinishesItsRunningStepBeforeExiting() throws Exception {
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_DEV_EXECUTORS", "0", "BATON_DEV_EXAMPLES", "false"))) {
      Process executor = spawnExecutor(platform);
      try {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
            Executions.apply(platform.client(), "name: two-seconds\nsteps: [{id: nap, handler: sleep, "
                + "input: {duration: 2s}}]\n") > 0);
        Execution started = Executions.start(platform.client(), "two-seconds", "{}");
        await().atMost(Duration.ofSeconds(15)).until(() -> Db.count(platform,
            "SELECT count(*) FROM tasks WHERE status = 'RUNNING' AND execution_id = '" + started.getId() + "'") == 1);

        executor.destroy();   // SIGTERM: stop taking work, finish what runs, then exit

        assertThat(executor.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("executor exited").isTrue();
        Execution done = Executions.get(platform.client(), started.getId());
        assertThat(done.getStatus()).as("finished before exiting, error: %s", done.getError())
            .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
        assertThat(Db.count(platform, "SELECT count(*) FROM execution_events WHERE type = 'TASK_REDELIVERED' "
            + "AND execution_id = '" + started.getId() + "'")).isZero();
      } finally {
        executor.destroyForcibly();
      }
    }
  }

  @Test
  void orchestratorStoppedMidExecutionAndStartedAgainCompletesEveryExecution() throws Exception {
    int port = freePort();
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port),
        "BATON_DEV_EXAMPLES", "false"))) {
      Executions.apply(platform.client(), CHAIN.formatted("300ms"));
      List<String> ids = startMany(platform.client(), "sleepy-chain", 20);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          Db.count(platform, "SELECT count(*) FROM step_states WHERE status = 'SUCCEEDED'") > 0);

      platform.orchestrators().get(0).close();
      Thread.sleep(1000); // the outage itself: executors keep finishing work and must hold on to results
      platform.startOrchestrator(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port)));

      assertAllSucceeded(platform, ids, Duration.ofSeconds(60));
    }
  }

  @Test
  void retryTimerPendingWhileTheOrchestratorRestartsStillFires() throws Exception {
    int port = freePort();
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port)))) {
      Executions.apply(platform.client(), """
          name: slow-retry
          steps:
            - id: enrich
              handler: lead-enrichment
              input: { segment: { id: s1, role: CTO, industry: fintech, location: Berlin } }
              retry: { maxAttempts: 2, initialBackoff: 3s, jitter: 0 }
          """);
      platform.provider().faults(dev.baton.examples.provider.Faults.failNext(1, 503));
      Execution started = Executions.start(platform.client(), "slow-retry", "{}");
      await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(platform,
          "SELECT count(*) FROM tasks WHERE status = 'SCHEDULED' AND execution_id = '" + started.getId() + "'") == 1);

      platform.orchestrators().get(0).close();
      platform.startOrchestrator(Map.of("BATON_ORCHESTRATOR_PORT", Integer.toString(port)));

      Execution done = Executions.awaitEnd(platform.client(), started.getId(), Duration.ofSeconds(30));
      assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(done.getSteps(0).getAttempt()).isEqualTo(2);
    }
  }

  @Test
  void redisFlushallMidRunLosesNoExecution() {
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_DEV_EXAMPLES", "false"))) {
      Executions.apply(platform.client(), CHAIN.formatted("300ms"));
      List<String> ids = startMany(platform.client(), "sleepy-chain", 20);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          Db.count(platform, "SELECT count(*) FROM step_states WHERE status = 'SUCCEEDED'") > 0);

      RedisClient redis = RedisClients.create(platform.redis());
      try (var connection = redis.connect()) {
        connection.sync().flushall();
      } finally {
        redis.shutdown();
      }

      assertAllSucceeded(platform, ids, Duration.ofSeconds(60));
    }
  }

  @Test
  void twoOrchestratorsOver200ExecutionsCompleteEachExactlyOnce() {
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_DEV_EXAMPLES", "false"))) {
      Executions.apply(platform.client(), """
          name: noop-chain
          steps:
            - { id: one,   handler: noop }
            - { id: two,   handler: noop, dependsOn: [one] }
            - { id: three, handler: noop, dependsOn: [two] }
          """);
      Orchestrator second = platform.startOrchestrator(Map.of());
      platform.startExecutor(Map.of("BATON_ORCHESTRATOR_TARGET", second.target()));
      List<String> ids = new ArrayList<>();
      try (BatonClient secondClient = BatonClient.connect(second.target(), platform.keys().tenantAdmin())) {
        for (int i = 0; i < 200; i++) {
          ids.add(Executions.start(i % 2 == 0 ? platform.client() : secondClient, "noop-chain", "{\"i\": " + i + "}")
              .getId());
        }
      }

      assertAllSucceeded(platform, ids, Duration.ofSeconds(90));
      assertThat(Db.count(platform, "SELECT count(*) FROM (SELECT 1 FROM tasks WHERE status = 'SUCCEEDED' "
          + "GROUP BY execution_id, step_id HAVING count(*) > 1) d")).as("steps that succeeded twice").isZero();
      assertThat(Db.count(platform, "SELECT count(*) FROM (SELECT 1 FROM execution_events WHERE type = 'STEP_SUCCEEDED' "
          + "GROUP BY execution_id, step_id HAVING count(*) > 1) d")).as("step results applied twice").isZero();
      assertThat(Db.count(platform, "SELECT count(*) FROM execution_events WHERE type = 'STEP_SUCCEEDED'"))
          .isEqualTo(600);
      assertThat(Db.count(platform, "SELECT count(*) FROM execution_events WHERE type = 'EXECUTION_SUCCEEDED'"))
          .isEqualTo(200);
    }
  }

  @Test
  void aResultDeliveredTwiceIsAppliedOnce() {
    try (LocalPlatform platform = TestStack.start(Map.of("BATON_DEV_EXAMPLES", "false"))) {
      Executions.apply(platform.client(), "name: single\nsteps: [{id: only, handler: noop}]\n");
      Execution done = Executions.awaitEnd(platform.client(),
          Executions.start(platform.client(), "single", "{}").getId(), Duration.ofSeconds(20));
      String taskId = firstTaskId(platform, done.getId());
      long eventsBefore = Db.count(platform, "SELECT count(*) FROM execution_events");

      var executorApi = ExecutorServiceGrpc.newBlockingStub(platform.client().channel())
          .withInterceptors(BatonCredentials.apiKey(platform.keys().executorSecret()).interceptor());
      var response = executorApi.reportResults(ReportResultsRequest.newBuilder().setExecutorId("replayer")
          .addResults(TaskResult.newBuilder().setTaskId(taskId).setOutputJson("{\"again\": true}")).build());

      assertThat(response.getAppliedList()).containsExactly(false);
      assertThat(Db.count(platform, "SELECT count(*) FROM execution_events")).isEqualTo(eventsBefore);
      assertThat(Executions.get(platform.client(), done.getId()).getSteps(0).getOutputJson()).doesNotContain("again");
    }
  }

  private static String firstTaskId(LocalPlatform platform, String executionId) {
    var pg = platform.postgres();
    try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         var rs = c.createStatement().executeQuery("SELECT id FROM tasks WHERE execution_id = '" + executionId + "'")) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> startMany(BatonClient client, String workflow, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(Executions.start(client, workflow, "{}").getId());
    }
    return ids;
  }

  private static void assertAllSucceeded(LocalPlatform platform, List<String> ids, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      for (String id : ids) {
        Execution e = Executions.get(platform.client(), id);
        assertThat(e.getStatus()).as("execution %s (error %s)", id, e.getError())
            .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      }
    });
  }

  /** An executor in its own JVM, configured like the platform's, so that it can really be killed. */
  private static Process spawnExecutor(LocalPlatform platform) throws IOException {
    Map<String, String> env = new HashMap<>(platform.env());
    env.put("BATON_EXECUTOR_PORT", "0");
    env.remove("BATON_EXECUTOR_ID");
    env.put("BATON_API_KEY", platform.keys().executorSecret());
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.baton.executor.ExecutorMain");
    builder.environment().putAll(env);
    File log = new File("target/spawned-executor.log");
    builder.redirectErrorStream(true).redirectOutput(log);
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
