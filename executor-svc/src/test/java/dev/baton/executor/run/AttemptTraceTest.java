package dev.baton.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.proto.internal.v1.Task;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptTraceTest {
  private static final Instant FAILED_BEFORE = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant DISPATCHED = FAILED_BEFORE.plusMillis(800);
  private static final Instant PICKED_UP = DISPATCHED.plusMillis(300);
  private static final Instant DONE = PICKED_UP.plusMillis(1200);
  private static final TraceParent EXECUTION = TraceParent.newTrace(UUID.randomUUID());

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();

  @AfterEach
  void close() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }

  @Test
  void aRetryIsSplitIntoBackoffQueueAndRunUnderAnAttemptSpanOfTheExecution() {
    Task task = task().setAttempt(2).setDispatchTime(ts(DISPATCHED)).setBackoffStartTime(ts(FAILED_BEFORE)).build();

    AttemptTrace trace = AttemptTrace.start(provider.get("test"), task, PICKED_UP);
    trace.ended(TaskOutcomes.success("t", null), DONE);

    SpanData attempt = span("baton.attempt");
    assertThat(attempt.getTraceId()).isEqualTo(EXECUTION.traceId());
    assertThat(attempt.getParentSpanId()).isEqualTo(EXECUTION.spanId());
    assertThat(attempt.getStartEpochNanos()).isEqualTo(nanos(FAILED_BEFORE));
    assertThat(attempt.getEndEpochNanos()).isEqualTo(nanos(DONE));
    assertThat(attempt.getAttributes().get(AttributeKey.longKey("baton.backoff_ms"))).isEqualTo(800);
    assertThat(attempt.getAttributes().get(AttributeKey.longKey("baton.queue_ms"))).isEqualTo(300);
    assertThat(attempt.getAttributes().get(AttributeKey.longKey("baton.run_ms"))).isEqualTo(1200);
    assertThat(attempt.getAttributes().get(AttributeKey.longKey("baton.attempt"))).isEqualTo(2);
    assertThat(attempt.getAttributes().get(AttributeKey.stringKey("baton.step"))).isEqualTo("enrich");
    assertThat(attempt.getAttributes().get(AttributeKey.stringKey("baton.outcome"))).isEqualTo("succeeded");
    assertChild("baton.backoff", attempt, FAILED_BEFORE, DISPATCHED);
    assertChild("baton.queue", attempt, DISPATCHED, PICKED_UP);
    assertChild("baton.run", attempt, PICKED_UP, DONE);
    assertThat(trace.traceparent()).isEqualTo(new TraceParent(EXECUTION.traceId(), attempt.getSpanId()).format());
  }

  @Test
  void aFirstAttemptHasNoBackoffAndAFailureMarksAttemptAndRunAsErrors() {
    Task task = task().setDispatchTime(ts(DISPATCHED)).build();

    AttemptTrace.start(provider.get("test"), task, PICKED_UP)
        .ended(TaskOutcomes.failure("t", "HTTP_503", "down", true), DONE);

    assertThat(exported.getFinishedSpanItems()).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("baton.attempt", "baton.queue", "baton.run");
    SpanData attempt = span("baton.attempt");
    assertThat(attempt.getStartEpochNanos()).isEqualTo(nanos(DISPATCHED));
    assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attempt.getAttributes().get(AttributeKey.stringKey("baton.error.code"))).isEqualTo("HTTP_503");
    assertThat(attempt.getAttributes().get(AttributeKey.longKey("baton.backoff_ms"))).isZero();
    assertThat(span("baton.run").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aDispatchTimeAfterThePickUpFromAnotherClockCountsAsNoQueueWait() {
    Task task = task().setDispatchTime(ts(PICKED_UP.plusMillis(40))).build();

    AttemptTrace.start(provider.get("test"), task, PICKED_UP).stopped(DONE);

    assertThat(span("baton.queue").getEndEpochNanos()).isEqualTo(span("baton.queue").getStartEpochNanos());
    assertThat(span("baton.attempt").getAttributes().get(AttributeKey.stringKey("baton.outcome"))).isEqualTo("cancelled");
  }

  private void assertChild(String name, SpanData parent, Instant start, Instant end) {
    SpanData child = span(name);
    assertThat(child.getParentSpanId()).as(name).isEqualTo(parent.getSpanId());
    assertThat(child.getStartEpochNanos()).as(name + " start").isEqualTo(nanos(start));
    assertThat(child.getEndEpochNanos()).as(name + " end").isEqualTo(nanos(end));
  }

  private SpanData span(String name) {
    List<SpanData> named = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.get(0);
  }

  private static Task.Builder task() {
    return Task.newBuilder().setTaskId(UUID.randomUUID().toString()).setTenantId("default")
        .setExecutionId(UUID.randomUUID().toString()).setWorkflowName("lead-pipeline").setWorkflowVersion(1)
        .setStepId("enrich").setItemIndex(-1).setAttempt(1).setHandler("http").setDelivery(1)
        .setTaskQueue("default").setTraceparent(EXECUTION.format());
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  private static long nanos(Instant i) {
    return TimeUnit.SECONDS.toNanos(i.getEpochSecond()) + i.getNano();
  }
}
