package dev.baton.executor.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.internal.v1.Task;
import dev.baton.sdk.handler.StepFailure;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attempts around the breakers: which outcomes count, and an open breaker keeps the handler from running. */
class CircuitGuardTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final JsonNode PRIMARY = Json.parse("{\"provider\": \"primary\", \"circuit\": {\"failureThreshold\": 2}}");

  private final RedisBreakers redis = new RedisBreakers();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final CircuitGuard guard = new CircuitGuard(redis.breakers,
      new CircuitSettings(5, Duration.ofSeconds(30), Duration.ofSeconds(30)), Clock.fixed(NOW, ZoneOffset.UTC),
      new CircuitMetrics(meters.get("test")));
  private final AtomicInteger handlerCalls = new AtomicInteger();

  @AfterEach
  void cleanUp() {
    redis.close();
    meters.close();
  }

  @Test
  void anOpenBreakerFailsTheAttemptWithCircuitOpenNotRetryableWithoutCallingTheHandler() throws Exception {
    failWithProviderFault(PRIMARY, "a1");
    failWithProviderFault(PRIMARY, "a2");

    assertThatThrownBy(() -> guard.call(task("a3"), PRIMARY, () -> false, this::succeed))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("CIRCUIT_OPEN");
          assertThat(f.retryable()).isFalse();
          assertThat(f.providerFault()).isFalse();
          assertThat(f.getMessage()).contains("'primary'", "2 faults in 30s, open for 30s");
        });
    assertThat(handlerCalls).hasValue(2);
    Map<String, Long> counted = counters(metrics.collectAllMetrics());
    assertThat(counted).containsEntry("baton.circuit.rejected{provider=primary}", 1L)
        .containsEntry("baton.circuit.transitions{provider=primary,transition=opened}", 1L);
  }

  /** Every counter point as "name{label=value,...}" (labels in name order) -> value. */
  private static Map<String, Long> counters(Collection<MetricData> collected) {
    Map<String, Long> points = new TreeMap<>();
    for (MetricData metric : collected) {
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        Map<String, String> labels = new TreeMap<>();
        point.getAttributes().forEach((key, value) -> labels.put(key.getKey(), String.valueOf(value)));
        points.put(metric.getName() + labels.toString().replace(", ", ","), point.getValue());
      }
    }
    return points;
  }

  @Test
  void theHandlersOwnErrorsAndCancelledAttemptsDoNotCountTowardsTheBreaker() throws Exception {
    for (int i = 0; i < 3; i++) {
      String id = "own-" + i;
      assertThatThrownBy(() -> guard.call(task(id), PRIMARY, () -> false, () -> {
        handlerCalls.incrementAndGet();
        throw StepFailure.permanent("INVALID_LEAD", "bad query");
      })).isInstanceOf(StepFailure.class);
      assertThatThrownBy(() -> guard.call(task(id + "c"), PRIMARY, () -> true, () -> {
        handlerCalls.incrementAndGet();
        throw StepFailure.providerFault("PROVIDER_TIMEOUT", "interrupted by the attempt's timeout");
      })).isInstanceOf(StepFailure.class);
      assertThatThrownBy(() -> guard.call(task(id + "r"), PRIMARY, () -> false, () -> {
        handlerCalls.incrementAndGet();
        throw new IllegalStateException("bug");
      })).isInstanceOf(IllegalStateException.class);
    }

    assertThat(guard.call(task("ok"), PRIMARY, () -> false, this::succeed).path("ok").asBoolean()).isTrue();
  }

  @Test
  void stepsWithoutAProviderRunUnguarded() throws Exception {
    JsonNode none = Json.parse("{}");
    for (int i = 0; i < 10; i++) {
      failWithProviderFault(none, "n" + i);
    }

    assertThat(guard.call(task("last"), none, () -> false, this::succeed).path("ok").asBoolean()).isTrue();
    assertThat(redis.connection.sync().keys(redis.keys.keyPrefix() + ":*")).isEmpty();
  }

  @Test
  void aMalformedProviderOrCircuitConfigFailsTheAttemptNamingTheField() {
    assertThatThrownBy(() -> guard.call(task("x"), Json.parse("{\"provider\": \"a b\"}"), () -> false, this::succeed))
        .isInstanceOfSatisfying(StepFailure.class, f -> {
          assertThat(f.code()).isEqualTo("INVALID_CONFIG");
          assertThat(f.getMessage()).startsWith("config.provider: \"a b\"");
        });
    assertThatThrownBy(() -> guard.call(task("y"),
        Json.parse("{\"provider\": \"p\", \"circuit\": {\"window\": \"soon\"}}"), () -> false, this::succeed))
        .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.getMessage()).startsWith("config.circuit.window: "));
    assertThatThrownBy(() -> guard.call(task("z"),
        Json.parse("{\"provider\": \"p\", \"circuit\": {\"threshold\": 3}}"), () -> false, this::succeed))
        .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.getMessage()).startsWith("config.circuit.threshold: unknown"));
    assertThat(handlerCalls).hasValue(0);
  }

  @Test
  void whenRedisCannotBeAskedTheCallGoesThroughUnguarded() throws Exception {
    redis.connection.close();

    assertThat(guard.call(task("no-redis"), PRIMARY, () -> false, this::succeed).path("ok").asBoolean()).isTrue();
    assertThat(handlerCalls).hasValue(1);
  }

  private void failWithProviderFault(JsonNode config, String taskId) {
    assertThatThrownBy(() -> guard.call(task(taskId), config, () -> false, () -> {
      handlerCalls.incrementAndGet();
      throw StepFailure.providerFault("PROVIDER_DOWN", "503");
    })).isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.code()).isEqualTo("PROVIDER_DOWN"));
  }

  private JsonNode succeed() {
    handlerCalls.incrementAndGet();
    return Json.parse("{\"ok\": true}");
  }

  private static Task task(String id) {
    return Task.newBuilder().setTaskId(id).setTenantId("default").setStepId("enrich").build();
  }
}
