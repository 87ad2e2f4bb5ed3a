package dev.baton.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.internal.v1.Task;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {
  private final List<TaskResult> reported = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<StepContext> contexts = new CopyOnWriteArrayList<>();
  private TaskRunner runner;
  private final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metricReader).build();

  /** Blocks until released or interrupted, without heartbeating; records its context. */
  private final StepHandler blocking = handler("blocking", context -> {
    contexts.add(context);
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Json.NODES.textNode("interrupted");
    }
    return Json.NODES.textNode("released");
  });

  /** Heartbeats every 20ms until released. */
  private final StepHandler heartbeating = handler("heartbeating", context -> {
    contexts.add(context);
    try {
      while (!release.await(20, TimeUnit.MILLISECONDS)) {
        context.heartbeat();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Json.NODES.textNode("done");
  });

  @AfterEach
  void stop() {
    release.countDown();
    if (runner != null) {
      runner.shutdownNow();
    }
    timers.shutdownNow();
    meters.close();
  }

  private TaskRunner runner(StepHandler... handlers) {
    runner = new TaskRunner(HandlerRegistry.of(List.of(handlers)), 4, reported::add, timers, Clock.systemUTC(),
        io.opentelemetry.api.OpenTelemetry.noop().getTracer("test"), AttemptGuard.NONE,
        new AttemptMetrics(meters.get("test"), Stream.of(handlers).map(StepHandler::name).collect(Collectors.toSet())));
    return runner;
  }

  private void run(Task task) throws InterruptedException {
    assertThat(runner.reserveSlots(1, Duration.ofSeconds(1))).isEqualTo(1);
    runner.run(task);
  }

  private static Task task(String id, String handler) {
    return Task.newBuilder().setTaskId(id).setHandler(handler).setInputJson("{\"n\":1}").build();
  }

  private static com.google.protobuf.Duration millis(long ms) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(ms / 1000).setNanos((int) (ms % 1000) * 1_000_000).build();
  }

  @Test
  void reportsHandlerOutputAsJson() throws Exception {
    runner(handler("echo", StepContext::input));

    run(task("t1", "echo"));

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getTaskId()).isEqualTo("t1");
    assertThat(reported.get(0).getOutputJson()).isEqualTo("{\"n\":1}");
  }

  @Test
  void nullOutputIsJsonNull() throws Exception {
    runner(handler("nothing", context -> null));

    run(task("t1", "nothing"));

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getOutputJson()).isEqualTo("null");
  }

  @Test
  void stepFailureKeepsItsCodeAndRetryability() throws Exception {
    runner(new StepHandler() {
      @Override
      public String name() {
        return "picky";
      }

      @Override
      public JsonNode handle(StepContext context) throws StepFailure {
        throw StepFailure.permanent("INVALID_LEAD", "lead 7 has no email");
      }
    });

    run(task("t1", "picky"));

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getError().getCode()).isEqualTo("INVALID_LEAD");
    assertThat(reported.get(0).getError().getMessage()).isEqualTo("lead 7 has no email");
    assertThat(reported.get(0).getError().getRetryable()).isFalse();
  }

  @Test
  void otherExceptionIsRetryableHandlerError() throws Exception {
    runner(handler("broken", context -> {
      throw new IllegalStateException("provider returned garbage");
    }));

    run(task("t1", "broken"));

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getError().getCode()).isEqualTo("HANDLER_ERROR");
    assertThat(reported.get(0).getError().getMessage()).contains("provider returned garbage");
    assertThat(reported.get(0).getError().getRetryable()).isTrue();
  }

  @Test
  void unknownHandlerIsPermanentHandlerNotFound() throws Exception {
    runner(handler("echo", StepContext::input));

    run(task("t1", "lead-enrichment"));

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getError().getCode()).isEqualTo("HANDLER_NOT_FOUND");
    assertThat(reported.get(0).getError().getMessage()).contains("lead-enrichment");
    assertThat(reported.get(0).getError().getRetryable()).isFalse();
  }

  @Test
  void startToCloseTimeoutCancelsAndReportsTimeout() throws Exception {
    runner(heartbeating);

    run(task("t1", "heartbeating").toBuilder().setStartToCloseTimeout(millis(300)).build());

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getError().getCode()).isEqualTo("TIMEOUT");
    assertThat(reported.get(0).getError().getRetryable()).isTrue();
    assertThat(reported.get(0).getError().getMessage()).contains("start-to-close timeout of 300ms");
    assertThat(contexts.get(0).isCancelled()).isTrue();
    assertThat(runner.runningTaskIds()).isEmpty();
  }

  @Test
  void missingHeartbeatsTimeOut() throws Exception {
    runner(blocking);

    run(task("t1", "blocking").toBuilder().setHeartbeatTimeout(millis(200)).build());

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getError().getCode()).isEqualTo("TIMEOUT");
    assertThat(reported.get(0).getError().getMessage()).contains("heartbeat timeout of 200ms");
    assertThat(contexts.get(0).isCancelled()).isTrue();
  }

  @Test
  void regularHeartbeatsKeepAnAttemptAlivePastItsHeartbeatTimeout() throws Exception {
    runner(heartbeating);
    run(task("t1", "heartbeating").toBuilder().setHeartbeatTimeout(millis(150)).build());

    await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(reported::isEmpty);
    release.countDown();

    await().until(() -> reported.size() == 1);
    assertThat(reported.get(0).getOutputJson()).isEqualTo("\"done\"");
  }

  @Test
  void cancelledAttemptIsInterruptedAndReportsNothing() throws Exception {
    runner(blocking, handler("echo", StepContext::input));
    run(task("t1", "blocking"));
    await().until(() -> contexts.size() == 1);

    runner.cancel(List.of("t1"));

    assertThat(contexts.get(0).isCancelled()).isTrue();
    assertThat(runner.runningTaskIds()).isEmpty();
    await("the interrupted handler frees its slot").until(() -> {
      int free = runner.reserveSlots(4, Duration.ZERO);
      runner.releaseSlots(free);
      return free == 4;
    });
    run(task("t2", "echo"));
    await().until(() -> reported.size() == 1);
    assertThat(reported).extracting(TaskResult::getTaskId).containsExactly("t2");
  }

  @Test
  void everyEndedAttemptIsCountedAndTimedByHandlerAndOutcomeWithUnknownHandlersFoldedIntoOneLabel()
      throws Exception {
    runner(handler("echo", StepContext::input), handler("broken", context -> {
      throw new IllegalStateException("provider returned garbage");
    }), heartbeating);

    run(task("t1", "echo"));
    run(task("t2", "echo"));
    run(task("t3", "broken"));
    run(task("t4", "lead-enrichment-" + System.nanoTime()));
    run(task("t5", "heartbeating").toBuilder().setStartToCloseTimeout(millis(200)).build());
    await().until(() -> reported.size() == 5);

    Map<String, Long> attempts = attemptsByHandlerAndOutcome();
    assertThat(attempts).containsExactlyInAnyOrderEntriesOf(Map.of(
        "echo/succeeded", 2L, "broken/failed", 1L, "unknown/failed", 1L, "heartbeating/timed_out", 1L));
    HistogramPointData timedOut = metricReader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("baton.executor.handler.duration"))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> "timed_out".equals(p.getAttributes().get(AttemptMetrics.OUTCOME))).findFirst().orElseThrow();
    assertThat(timedOut.getCount()).isEqualTo(1);
    assertThat(timedOut.getSum()).isBetween(0.2, 5.0);
  }

  @Test
  void aCancelledAttemptCountsAsCancelledAndBusySlotsAreTheRunningAttempts() throws Exception {
    runner(blocking);
    AttemptMetrics.registerSlots(meters.get("test"), runner::runningCount, runner.concurrency());
    run(task("t1", "blocking"));
    await().until(() -> contexts.size() == 1);

    assertThat(gauge("baton.executor.slots.busy")).isEqualTo(1.0);
    assertThat(gauge("baton.executor.slots")).isEqualTo(4.0);
    assertThat(gauge("baton.executor.utilization")).isEqualTo(0.25);

    runner.cancel(List.of("t1"));

    assertThat(attemptsByHandlerAndOutcome()).containsExactlyEntriesOf(Map.of("blocking/cancelled", 1L));
    assertThat(gauge("baton.executor.slots.busy")).isEqualTo(0.0);
  }

  private Map<String, Long> attemptsByHandlerAndOutcome() {
    return metricReader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("baton.executor.attempts"))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .collect(Collectors.toMap(p -> p.getAttributes().get(AttemptMetrics.HANDLER) + "/"
            + p.getAttributes().get(AttemptMetrics.OUTCOME), LongPointData::getValue));
  }

  private double gauge(String name) {
    MetricData metric = metricReader.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
        .findFirst().orElseThrow();
    return switch (metric.getType()) {
      case LONG_GAUGE -> metric.getLongGaugeData().getPoints().iterator().next().getValue();
      default -> metric.getDoubleGaugeData().getPoints().iterator().next().getValue();
    };
  }

  @Test
  void slotsBoundConcurrency() throws Exception {
    runner(blocking);

    assertThat(runner.reserveSlots(10, Duration.ZERO)).isEqualTo(4);
    assertThat(runner.reserveSlots(1, Duration.ofMillis(10))).isZero();
    runner.releaseSlots(4);
    assertThat(runner.reserveSlots(2, Duration.ZERO)).isEqualTo(2);
  }

  private static StepHandler handler(String name, Function<StepContext, JsonNode> body) {
    return new StepHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public JsonNode handle(StepContext context) {
        return body.apply(context);
      }
    };
  }
}
