package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.common.config.Env;
import dev.baton.executor.ExecutorConfig;
import dev.baton.executor.ExecutorNode;
import dev.baton.proto.v1.ExecutionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every service's port serves its Prometheus metrics (docs/metrics.md): after a few executions on
 * the real stack, the orchestrator's and the executor's scrapes over HTTP count exactly the
 * attempts, steps, dispatches and gRPC calls that happened, and the queues are empty at rest;
 * progress-svc and analytics-svc serve theirs on their ports too.
 */
class MetricsIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  static final int CHAIN_RUNS = 2;

  @BeforeAll
  static void runWorkflows() {
    Executions.apply(stack.platform().client(), """
        name: metrics-chain
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop, dependsOn: [a] }
          - { id: c, handler: noop, dependsOn: [b] }
        """);
    Executions.apply(stack.platform().client(), """
        name: metrics-failing
        steps:
          - id: flaky
            handler: test-fail
            config: { code: PROVIDER_DOWN, retryable: true }
            retry: { maxAttempts: 2, initialBackoff: 100ms, jitter: 0 }
        """);
    for (int i = 0; i < CHAIN_RUNS; i++) {
      assertThat(run("metrics-chain")).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    }
    assertThat(run("metrics-failing")).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  private static ExecutionStatus run(String workflow) {
    return Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), workflow, "{}").getId(), Duration.ofSeconds(30)).getStatus();
  }

  @Test
  void theExecutorCountsEveryAttemptByHandlerAndOutcomeAndIsIdleAtRest() throws Exception {
    // an attempt is counted before its result leaves the executor, and every execution has
    // ended, so these numbers are final
    double noop = 0;
    double failed = 0;
    double durations = 0;
    for (ExecutorNode executor : stack.platform().executors()) {
      PrometheusText scrape = PrometheusText.scrape(executor.port());
      noop += scrape.sum("baton_executor_attempts_total", Map.of("handler", "noop", "outcome", "succeeded"));
      failed += scrape.sum("baton_executor_attempts_total", Map.of("handler", "test-fail", "outcome", "failed"));
      durations += scrape.sum("baton_executor_handler_duration_seconds_count", Map.of());
      assertThat(scrape.type("baton_executor_attempts_total")).isEqualTo("counter");
      assertThat(scrape.type("baton_executor_handler_duration_seconds")).isEqualTo("histogram");
      assertThat(scrape.value("baton_executor_slots_busy", Map.of())).isZero();
      assertThat(scrape.value("baton_executor_slots", Map.of())).isEqualTo(
          (double) ExecutorConfig.from(new Env(stack.platform().env())).concurrency());
      assertThat(scrape.value("baton_executor_utilization", Map.of())).isZero();
    }
    assertThat(noop).isEqualTo(3.0 * CHAIN_RUNS);
    assertThat(failed).isEqualTo(2.0);
    assertThat(durations).isEqualTo(3.0 * CHAIN_RUNS + 2);
  }

  @Test
  void theOrchestratorCountsStepsDispatchesAndGrpcCallsAndItsQueuesAreEmptyAtRest() throws Exception {
    int port = stack.platform().orchestrators().get(0).port();
    // GetExecution can show an execution ended before the orchestrator has recorded what the test
    // counts: step durations are recorded after the commit that ended the step, dispatch latencies
    // when Redis answers the XADD, and the queue gauges read Redis at scrape time (a task taken off the
    // stream a moment ago may still be counted). So wait for a scrape that holds all of them.
    PrometheusText scrape = awaitScrape(port, s -> !s.samples("baton_queue_depth").isEmpty()
        && s.samples("baton_queue_depth").stream().allMatch(q -> q.value() == 0)
        && s.sum("baton_step_duration_seconds_count", Map.of("workflow", "metrics-chain")) >= 3.0 * CHAIN_RUNS
        && s.sum("baton_step_duration_seconds_count", Map.of("workflow", "metrics-failing")) >= 1
        && s.sum("baton_dispatch_latency_seconds_count", Map.of()) >= 3.0 * CHAIN_RUNS + 2);

    assertThat(scrape.samples("baton_queue_depth")).extracting(s -> s.labels().get("task_queue")).contains("default");
    assertThat(scrape.samples("baton_queue_oldest_age_seconds")).allSatisfy(s -> assertThat(s.value()).isZero());
    for (String step : new String[] {"a", "b", "c"}) {
      assertThat(scrape.sum("baton_step_duration_seconds_count",
          Map.of("workflow", "metrics-chain", "step", step, "outcome", "succeeded"))).isEqualTo(CHAIN_RUNS);
    }
    assertThat(scrape.sum("baton_step_duration_seconds_count",
        Map.of("workflow", "metrics-failing", "step", "flaky", "outcome", "failed"))).isEqualTo(1.0);
    // the failing step's duration spans both attempts and the 100ms backoff between them
    assertThat(scrape.sum("baton_step_duration_seconds_sum", Map.of("workflow", "metrics-failing")))
        .isGreaterThanOrEqualTo(0.1);
    // every attempt that ran was dispatched once: the retry too, by the reconciler after its backoff
    assertThat(scrape.sum("baton_dispatch_latency_seconds_count", Map.of("task_queue", "default")))
        .isEqualTo(3.0 * CHAIN_RUNS + 2);
    assertThat(scrape.sum("baton_orchestrator_transitions_total", Map.of()))
        .isGreaterThanOrEqualTo(3.0 * CHAIN_RUNS + 2 + CHAIN_RUNS + 1);

    assertThat(scrape.sum("grpc_server_handled_total", Map.of("grpc_service", "baton.v1.WorkflowService",
        "grpc_method", "StartExecution", "grpc_code", "OK", "grpc_type", "unary"))).isEqualTo(CHAIN_RUNS + 1.0);
    // every start call has ended, whatever its code (another test of this class makes a failing one)
    assertThat(scrape.sum("grpc_server_started_total", Map.of("grpc_method", "StartExecution")))
        .isEqualTo(scrape.sum("grpc_server_handled_total", Map.of("grpc_method", "StartExecution")))
        .isGreaterThanOrEqualTo(CHAIN_RUNS + 1.0);
    assertThat(scrape.sum("grpc_server_handled_total", Map.of("grpc_service", "baton.internal.v1.ExecutorService",
        "grpc_method", "ReportResults", "grpc_code", "OK"))).isPositive();
    assertThat(scrape.sum("grpc_server_handling_seconds_count", Map.of("grpc_method", "StartExecution",
        "grpc_code", "OK"))).isEqualTo(CHAIN_RUNS + 1.0);

    assertThat(scrape.value("baton_db_pool_connections", Map.of())).isPositive();
    assertThat(scrape.value("baton_db_pool_max", Map.of()))
        .isEqualTo((double) stack.platform().postgres().poolSize())
        .isGreaterThanOrEqualTo(scrape.sum("baton_db_pool_connections", Map.of()));
    assertThat(scrape.samples("baton_redis_command_errors_total")).as("no Redis command failed").isEmpty();
    assertThat(scrape.value("target_info", Map.of())).isEqualTo(1.0);
    assertThat(scrape.samples("target_info").get(0).labels()).containsEntry("service_name", "orchestrator-svc");
  }

  @Test
  void aBadStartIsCountedWithItsStatusCode() throws Exception {
    int port = stack.platform().orchestrators().get(0).port();
    double before = PrometheusText.scrape(port).sum("grpc_server_handled_total",
        Map.of("grpc_method", "StartExecution", "grpc_code", "NOT_FOUND"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Executions.start(stack.platform().client(),
        "no-such-workflow-" + System.nanoTime(), "{}")).hasMessageContaining("NOT_FOUND");

    assertThat(PrometheusText.scrape(port).sum("grpc_server_handled_total",
        Map.of("grpc_method", "StartExecution", "grpc_code", "NOT_FOUND"))).isEqualTo(before + 1);
  }

  @Test
  void progressAndAnalyticsServeTheirMetricsTooAndAnalyticsCountsTheOtlpExportsItReceived() throws Exception {
    PrometheusText progress = PrometheusText.scrape(stack.platform().progress().port());
    assertThat(progress.samples("target_info").get(0).labels()).containsEntry("service_name", "progress-svc");
    assertThat(progress.value("baton_db_pool_max", Map.of())).isPositive();

    // the orchestrator and the executor export their spans to the platform's analytics-svc
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        PrometheusText.scrape(stack.platform().analytics().port()).sum("grpc_server_handled_total", Map.of(
            "grpc_service", "opentelemetry.proto.collector.trace.v1.TraceService", "grpc_method", "Export",
            "grpc_code", "OK"))).isPositive());
    PrometheusText analytics = PrometheusText.scrape(stack.platform().analytics().port());
    assertThat(analytics.samples("target_info").get(0).labels()).containsEntry("service_name", "analytics-svc");
  }

  /** Scrapes until a scrape satisfies {@code settled} and returns that scrape. */
  private static PrometheusText awaitScrape(int port, Predicate<PrometheusText> settled) {
    AtomicReference<PrometheusText> last = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      last.set(PrometheusText.scrape(port));
      return settled.test(last.get());
    });
    return last.get();
  }
}
