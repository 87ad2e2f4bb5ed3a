package dev.baton.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrchestratorMetricsTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final OrchestratorMetrics metrics = new OrchestratorMetrics(provider.get("test"));

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void stepDurationsAreSecondsPerWorkflowStepAndOutcomeInSecondScaleBuckets() {
    metrics.stepEnded("orders", "charge", "succeeded", Duration.ofMillis(40));
    metrics.stepEnded("orders", "charge", "succeeded", Duration.ofMillis(60));
    metrics.stepEnded("orders", "charge", "failed", Duration.ofSeconds(3));

    List<HistogramPointData> points = histogram(reader.collectAllMetrics(), "baton.step.duration");
    HistogramPointData succeeded = points.stream()
        .filter(p -> "succeeded".equals(p.getAttributes().get(OrchestratorMetrics.OUTCOME))).findFirst().orElseThrow();
    assertThat(points).hasSize(2);
    assertThat(succeeded.getCount()).isEqualTo(2);
    assertThat(succeeded.getSum()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(succeeded.getAttributes().get(OrchestratorMetrics.WORKFLOW)).isEqualTo("orders");
    assertThat(succeeded.getAttributes().get(OrchestratorMetrics.STEP)).isEqualTo("charge");
    // 40 ms and 60 ms fall in the (0.025, 0.05] and (0.05, 0.1] buckets, not all in the first one
    assertThat(succeeded.getBoundaries()).contains(0.05, 0.1);
    int le50ms = succeeded.getBoundaries().indexOf(0.05);
    assertThat(succeeded.getCounts().get(le50ms)).isEqualTo(1);
    assertThat(succeeded.getCounts().get(le50ms + 1)).isEqualTo(1);
  }

  @Test
  void dispatchLatencyIsPerTaskQueue() {
    metrics.dispatched("default", Duration.ofNanos(1_500_000));
    metrics.dispatched("payments", Duration.ofMillis(2));

    List<HistogramPointData> points = histogram(reader.collectAllMetrics(), "baton.dispatch.latency");
    assertThat(points).extracting(p -> p.getAttributes().get(OrchestratorMetrics.TASK_QUEUE))
        .containsExactlyInAnyOrder("default", "payments");
    assertThat(points).allSatisfy(p -> assertThat(p.getCount()).isEqualTo(1));
  }

  @Test
  void transitionsCountChangedExecutionsAndACommitThatChangedNoneAddsNothing() {
    metrics.committed(3);
    metrics.committed(0);
    metrics.committed(1);

    MetricData transitions = reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("baton.orchestrator.transitions")).findFirst().orElseThrow();
    assertThat(transitions.getLongSumData().getPoints()).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(4));
  }

  @Test
  void aStreamEntryIdsTimeIsItsMillisecondPart() {
    assertThat(QueueGauges.idMillis("1700000000123-7")).isEqualTo(1_700_000_000_123L);
  }

  private static List<HistogramPointData> histogram(Collection<MetricData> data, String name) {
    return data.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream()).toList();
  }
}
