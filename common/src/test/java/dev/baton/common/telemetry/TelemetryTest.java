package dev.baton.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  @Test
  void otelVariablesBecomeTheSdksPropertyNames() {
    assertThat(Telemetry.properties(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317",
        "OTEL_BSP_SCHEDULE_DELAY", "200")))
        .containsEntry("otel.exporter.otlp.traces.endpoint", "http://collector:4317")
        .containsEntry("otel.bsp.schedule.delay", "200");
  }

  @Test
  void aSpanStartedWithChosenIdsHasThemAndTheNextSpanIsRandomAgain() {
    TraceParent ids = TraceParent.newTrace(UUID.randomUUID());
    try (SdkTracerProvider provider = recordingProvider()) {
      Span chosen = Telemetry.startWithIds(provider.get("test").spanBuilder("chosen").setNoParent(),
          ids.traceId(), ids.spanId());
      Span next = provider.get("test").spanBuilder("next").setNoParent().startSpan();

      assertThat(chosen.getSpanContext().getTraceId()).isEqualTo(ids.traceId());
      assertThat(chosen.getSpanContext().getSpanId()).isEqualTo(ids.spanId());
      assertThat(chosen.getSpanContext().isSampled()).isTrue();
      assertThat(next.getSpanContext().getTraceId()).isNotEqualTo(ids.traceId());
      assertThat(next.getSpanContext().getSpanId()).isNotEqualTo(ids.spanId());
      chosen.end();
      next.end();
    }
  }

  @Test
  void aChildOfARemoteParentStartedWithAChosenSpanIdKeepsTheParentsTrace() {
    TraceParent parent = TraceParent.newTrace(UUID.randomUUID());
    String childSpanId = TraceParent.spanIdOf(UUID.randomUUID());
    try (SdkTracerProvider provider = recordingProvider()) {
      Span child = Telemetry.startWithIds(provider.get("test").spanBuilder("child").setParent(parent.asRemoteParent()),
          "ffffffffffffffffffffffffffffffff", childSpanId);

      assertThat(child.getSpanContext().getTraceId()).isEqualTo(parent.traceId());
      assertThat(child.getSpanContext().getSpanId()).isEqualTo(childSpanId);
      child.end();
    }
  }

  @Test
  void withTheExporterSetToNoneTheServiceStillStartsAndPropagatesItsParentsContext() {
    TraceParent parent = TraceParent.newTrace(UUID.randomUUID());
    try (Telemetry telemetry = Telemetry.start(TelemetryConfig.disabled("test-svc"))) {
      Span span = telemetry.tracer().spanBuilder("unexported").setParent(parent.asRemoteParent()).startSpan();

      assertThat(span.isRecording()).isFalse();
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(parent.traceId());
      span.end();
    }
  }

  /** The SDK as Telemetry builds it (chosen ids), recording into memory. */
  private static SdkTracerProvider recordingProvider() {
    return SdkTracerProvider.builder().setIdGenerator(ChosenIds.INSTANCE)
        .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();
  }
}
