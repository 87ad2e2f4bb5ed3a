package dev.baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.StepReport;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spans sent by the real OTel SDK exporter are rolled up by two analytics-svc replicas at once,
 * each execution exactly once, and the report's numbers are those of the spans.
 */
class RollupIT {
  private static final int EXECUTIONS = 200;

  private static AnalyticsFixture fixture;
  private static TestDatabase db;
  private static Analytics first;
  private static Analytics second;
  /** Platform-wide, as executors export with: the spans' tenants are trusted. */
  private static String ingestKey;
  private static Channel asAcme;
  private static Channel asGlobex;

  @BeforeAll
  static void start() {
    fixture = AnalyticsFixture.create();
    db = fixture.database();
    ingestKey = fixture.apiKey(null, Role.ROLE_INGEST);
    String acmeViewer = fixture.apiKey("acme", Role.ROLE_VIEWER);
    String globexViewer = fixture.apiKey("globex", Role.ROLE_VIEWER);
    first = replica();
    second = replica();
    asAcme = fixture.channelTo(first, acmeViewer);
    asGlobex = fixture.channelTo(first, globexViewer);
  }

  /** Its timer never fires during the test: the test runs the passes itself, both replicas at once. */
  private static Analytics replica() {
    return fixture.startReplica(Map.of("BATON_ANALYTICS_ROLLUP_INTERVAL", "1h",
        "BATON_ANALYTICS_ROLLUP_GRACE", "0s", "BATON_ANALYTICS_ROLLUP_BATCH", "7",
        "BATON_ANALYTICS_RAW_RETENTION", "1s", "BATON_ANALYTICS_SPAN_PARTITION", "1m"));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void twoReplicasRollUpEveryExecutionOnceAndTheReportHasTheNumbersOfTheSpans() throws Exception {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "executor-svc"))))
        .addSpanProcessor(BatchSpanProcessor.builder(
            OtlpGrpcSpanExporter.builder().setEndpoint(first.otlpEndpoint())
                .addHeader("authorization", "Bearer " + ingestKey).build()).build())
        .build();
    Tracer tracer = provider.get("test");
    Instant base = Instant.now().minus(5, ChronoUnit.MINUTES);
    for (int i = 0; i < EXECUTIONS; i++) {
      execution(tracer, base.plusMillis(i * 10L), i, i % 4 == 0);
    }
    // a span of some other service: kept, never rolled up, left to the orphan retention
    tracer.spanBuilder("SELECT").startSpan().end();
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    Future<Integer> a = first.rollups().tick();
    Future<Integer> b = second.rollups().tick();
    int rolled = a.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        + b.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(rolled).isEqualTo(EXECUTIONS);

    try (Connection c = db.connect()) {
      ResultSet sums = c.createStatement().executeQuery("SELECT (SELECT sum(executions) FROM analytics.execution_rollups) "
          + "AS executions, (SELECT sum(attempts) FROM analytics.step_rollups) AS attempts, "
          + "(SELECT sum(calls) FROM analytics.dependency_rollups) AS calls, "
          + "(SELECT sum(failures) FROM analytics.dependency_rollups) AS failures");
      sums.next();
      assertThat(sums.getLong("executions")).isEqualTo(EXECUTIONS);
      assertThat(sums.getLong("attempts")).isEqualTo(2L * EXECUTIONS);
      assertThat(sums.getLong("calls")).isEqualTo(EXECUTIONS);
      assertThat(sums.getLong("failures")).isEqualTo(EXECUTIONS / 4);
    }

    BottleneckReport report = AnalyticsServiceGrpc.newBlockingStub(asAcme)
        .getBottleneckReport(GetBottleneckReportRequest.newBuilder().setWorkflow("scoring").build());
    assertThat(report.getExecutions().getExecutions()).isEqualTo(EXECUTIONS);
    assertThat(report.getExecutions().getP50Ms()).isCloseTo(450, within(1.0));
    assertThat(report.getBottleneckStep()).isEqualTo("score");
    StepReport score = report.getSteps(0);
    assertThat(score.getCriticalPathShare()).isCloseTo(300.0 / 450, within(1e-6));
    assertThat(score.getQueueShare()).isCloseTo(50.0 / 300, within(1e-6));
    assertThat(score.getRunShare()).isCloseTo(250.0 / 300, within(1e-6));
    assertThat(score.getP99Ms()).isCloseTo(300, within(1.0));
    assertThat(report.getSteps(1).getCriticalPathShare()).isCloseTo(100.0 / 450, within(1e-6));
    assertThat(report.getUnattributedShare()).isCloseTo(50.0 / 450, within(1e-6));
    DependencyReport host = report.getDependencies(0);
    assertThat(host.getHost()).isEqualTo("scores.example.com");
    assertThat(host.getFailureRate()).isEqualTo(0.25);

    // another tenant sees nothing of acme's workflow
    assertThat(AnalyticsServiceGrpc.newBlockingStub(asGlobex)
        .getBottleneckReport(GetBottleneckReportRequest.newBuilder().setWorkflow("scoring").build())
        .getExecutions().getExecutions()).isZero();

    // rolled-up spans go after the raw retention (1s) with their one-minute partitions, ended minutes
    // ago; the other service's span, ended now, stays
    Thread.sleep(1100); // the retention is measured against the database clock: no event to wait for
    first.rollups().tick().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (Connection c = db.connect()) {
      ResultSet left = c.createStatement().executeQuery("SELECT name FROM analytics.spans");
      assertThat(left.next()).isTrue();
      assertThat(left.getString("name")).isEqualTo("SELECT");
      assertThat(left.next()).isFalse();
    }
  }

  @Test
  void aReportRequestWithoutWorkflowOrWithABadWindowIsInvalidArgumentNamingTheField() {
    var stub = AnalyticsServiceGrpc.newBlockingStub(asAcme);
    StatusRuntimeException missing = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> stub.getBottleneckReport(GetBottleneckReportRequest.getDefaultInstance()));
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(missing.getStatus().getDescription()).startsWith("workflow:");
    StatusRuntimeException window = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
        () -> stub.getBottleneckReport(GetBottleneckReportRequest.newBuilder().setWorkflow("scoring")
            .setWindow(com.google.protobuf.Duration.newBuilder().setSeconds(-5)).build()));
    assertThat(window.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(window.getStatus().getDescription()).isEqualTo("window: -5s (expected: between 1m and 30d)");
  }

  /**
   * One execution of "scoring": fetch 0..100 ms (10 queued, 90 running), score 100..400 ms (50 queued,
   * 250 running) with one call to scores.example.com, the execution ending at 450 ms.
   */
  private static void execution(Tracer tracer, Instant start, int i, boolean callFails) {
    String id = "exec-" + i;
    Span execution = tracer.spanBuilder("baton.execution").setNoParent().setStartTimestamp(start)
        .setAllAttributes(baton(id)).startSpan();
    Context parent = Context.root().with(execution);
    tracer.spanBuilder("baton.attempt").setParent(parent).setStartTimestamp(start).setAllAttributes(baton(id))
        .setAttribute("baton.step", "fetch").setAttribute("baton.attempt", 1L).setAttribute("baton.queue_ms", 10L)
        .setAttribute("baton.run_ms", 90L).setAttribute("baton.backoff_ms", 0L).startSpan()
        .end(start.plusMillis(100));
    Span score = tracer.spanBuilder("baton.attempt").setParent(parent).setStartTimestamp(start.plusMillis(100))
        .setAllAttributes(baton(id)).setAttribute("baton.step", "score").setAttribute("baton.attempt", 1L)
        .setAttribute("baton.queue_ms", 50L).setAttribute("baton.run_ms", 250L).setAttribute("baton.backoff_ms", 0L)
        .startSpan();
    Span call = tracer.spanBuilder("GET").setParent(Context.root().with(score)).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(start.plusMillis(200)).setAttribute("server.address", "scores.example.com").startSpan();
    if (callFails) {
      call.setStatus(StatusCode.ERROR, "HTTP 503");
    }
    call.end(start.plusMillis(280));
    score.end(start.plusMillis(400));
    execution.setAttribute("baton.outcome", "succeeded");
    execution.end(start.plusMillis(450));
  }

  private static Attributes baton(String executionId) {
    return Attributes.builder().put("baton.tenant", "acme").put("baton.workflow", "scoring")
        .put("baton.workflow.version", 1L).put("baton.execution_id", executionId).build();
  }
}
