package dev.baton.analytics;

import static dev.baton.analytics.OtlpRequests.attribute;
import static dev.baton.analytics.OtlpRequests.bytes;
import static dev.baton.analytics.OtlpRequests.hex;
import static dev.baton.analytics.OtlpRequests.request;
import static dev.baton.analytics.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.Role;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real OTel SDK exporter and raw OTLP requests against analytics-svc on a real PostgreSQL. */
class OtlpReceiverIT {
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  private static AnalyticsFixture fixture;
  private static TestDatabase db;
  private static Analytics analytics;
  /** A platform-wide ingest key, as Baton's own services export with: the spans' tenants are trusted. */
  private static String ingestKey;
  private static String executorKey;
  private static String globexIngestKey;
  private static String acmeViewerKey;
  private static Channel channel;

  @BeforeAll
  static void start() {
    fixture = AnalyticsFixture.create();
    db = fixture.database();
    ingestKey = fixture.apiKey(null, Role.ROLE_INGEST);
    executorKey = fixture.apiKey(null, Role.ROLE_EXECUTOR);
    globexIngestKey = fixture.apiKey("globex", Role.ROLE_INGEST);
    acmeViewerKey = fixture.apiKey("acme", Role.ROLE_VIEWER);
    analytics = fixture.startReplica(Map.of("BATON_MAX_MESSAGE_BYTES", Integer.toString(MAX_MESSAGE_BYTES)));
    channel = fixture.channelTo(analytics, ingestKey);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void spansFromTheOtelSdkExporterLandInTheTableWithTheirParentsAndBatonColumns() throws Exception {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "executor-svc"))))
        .addSpanProcessor(BatchSpanProcessor.builder(
            OtlpGrpcSpanExporter.builder().setEndpoint(analytics.otlpEndpoint())
                .addHeader("authorization", "Bearer " + ingestKey).build()).build())
        .build();
    Tracer tracer = provider.get("test");
    Span attempt = tracer.spanBuilder("baton.attempt")
        .setAttribute("baton.tenant", "acme").setAttribute("baton.workflow", "lead-pipeline")
        .setAttribute("baton.workflow.version", 3L).setAttribute("baton.execution_id", "e-1")
        .setAttribute("baton.step", "enrich").setAttribute("baton.attempt", 2L)
        .startSpan();
    Span call;
    try (Scope ignored = attempt.makeCurrent()) {
      call = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
          .setAttribute("server.address", "leads.example.com").setAttribute("http.response.status_code", 503L)
          .startSpan();
      call.setStatus(StatusCode.ERROR, "HTTP 503");
      call.end();
    }
    attempt.end();
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);

    String traceId = attempt.getSpanContext().getTraceId();
    try (Connection c = db.connect()) {
      ResultSet parent = c.createStatement().executeQuery("SELECT service, name, parent_span_id, tenant, workflow, "
          + "workflow_version, execution_id, step, attempt, duration_ns, attributes "
          + "FROM analytics.spans WHERE span_id = '\\x" + attempt.getSpanContext().getSpanId() + "'");
      assertThat(parent.next()).as("attempt span stored").isTrue();
      assertThat(parent.getString("service")).isEqualTo("executor-svc");
      assertThat(parent.getString("name")).isEqualTo("baton.attempt");
      assertThat(parent.getBytes("parent_span_id")).isNull();
      assertThat(parent.getString("tenant")).isEqualTo("acme");
      assertThat(parent.getString("workflow")).isEqualTo("lead-pipeline");
      assertThat(parent.getInt("workflow_version")).isEqualTo(3);
      assertThat(parent.getString("execution_id")).isEqualTo("e-1");
      assertThat(parent.getString("step")).isEqualTo("enrich");
      assertThat(parent.getInt("attempt")).isEqualTo(2);
      assertThat(parent.getLong("duration_ns")).isPositive();
      assertThat(parent.getString("attributes")).as("every attribute is in its column").isNull();

      ResultSet child = c.createStatement().executeQuery("SELECT encode(trace_id, 'hex') AS trace, "
          + "encode(parent_span_id, 'hex') AS parent, kind, status_code, status_message, server_address, "
          + "(attributes->>'http.response.status_code')::int AS http_status "
          + "FROM analytics.spans WHERE span_id = '\\x" + call.getSpanContext().getSpanId() + "'");
      assertThat(child.next()).as("client span stored").isTrue();
      assertThat(child.getString("trace")).isEqualTo(traceId);
      assertThat(child.getString("parent")).isEqualTo(attempt.getSpanContext().getSpanId());
      assertThat(child.getInt("kind")).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT_VALUE);
      assertThat(child.getInt("status_code")).isEqualTo(2);
      assertThat(child.getString("status_message")).isEqualTo("HTTP 503");
      assertThat(child.getString("server_address")).isEqualTo("leads.example.com");
      assertThat(child.getInt("http_status")).isEqualTo(503);
    }
  }

  @Test
  void spansOfAServiceWithoutBatonAttributesAreKeptWithEmptyBatonColumns() throws Exception {
    ExportTraceServiceRequest request = request("billing", span(bytes(16, 7), bytes(8, 9)).build());

    TraceServiceGrpc.newBlockingStub(channel).export(request);

    try (Connection c = db.connect()) {
      ResultSet rs = c.createStatement().executeQuery("SELECT service, workflow, step, attributes->>'note' AS note "
          + "FROM analytics.spans WHERE trace_id = '\\x" + hex(bytes(16, 7)) + "'");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("service")).isEqualTo("billing");
      assertThat(rs.getString("workflow")).isNull();
      assertThat(rs.getString("step")).isNull();
      assertThat(rs.getString("note")).isEqualTo("external");
    }
  }

  @Test
  void theSameSpanExportedTwiceIsStoredOnce() throws Exception {
    ExportTraceServiceRequest request = request("retrying", span(bytes(16, 11), bytes(8, 12)).build());

    TraceServiceGrpc.newBlockingStub(channel).export(request);
    TraceServiceGrpc.newBlockingStub(channel).export(request);

    assertThat(count("SELECT count(*) FROM analytics.spans WHERE trace_id = '\\x" + hex(bytes(16, 11)) + "'"))
        .isEqualTo(1);
  }

  @Test
  void aTraceIdOfTheWrongLengthIsInvalidArgumentNamingTheFieldAndStoresNothingOfTheRequest() throws Exception {
    ExportTraceServiceRequest request = request("broken",
        span(bytes(16, 21), bytes(8, 22)).build(),
        span(bytes(15, 23), bytes(8, 24)).build());

    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).export(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription())
              .isEqualTo("resource_spans[0].scope_spans[0].spans[1].trace_id: 15 bytes (expected: 16)");
        });
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'broken'")).isZero();
  }

  @Test
  void aSpanEndingBeforeItStartsIsInvalidArgumentNamingTheField() {
    ExportTraceServiceRequest request = request("backwards",
        span(bytes(16, 31), bytes(8, 32)).setEndTimeUnixNano(1_000L).build());

    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).export(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("resource_spans[0].scope_spans[0].spans[0]"
              + ".end_time_unix_nano: 1000 (expected: >= start_time_unix_nano");
        });
  }

  @Test
  void aRequestAboveTheMessageSizeLimitIsResourceExhausted() throws Exception {
    ExportTraceServiceRequest request = request("huge", span(bytes(16, 41), bytes(8, 42))
        .addAttributes(attribute("blob", "x".repeat(MAX_MESSAGE_BYTES + 1)))
        .build());

    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(channel).export(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'huge'")).isZero();
  }

  @Test
  void aTenantKeysSpansAreStoredAsItsTenantsOnlyWhateverTenantTheyClaim() throws Exception {
    ExportTraceServiceRequest claimingAcme = request("claiming", span(bytes(16, 61), bytes(8, 62))
        .addAttributes(attribute("baton.tenant", "acme")).addAttributes(attribute("baton.workflow", "billing"))
        .build());

    TraceServiceGrpc.newBlockingStub(fixture.channelTo(analytics, globexIngestKey)).export(claimingAcme);

    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'claiming' AND tenant = 'globex' "
        + "AND workflow = 'billing'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'claiming' AND tenant IS DISTINCT FROM "
        + "'globex'")).isZero();
  }

  @Test
  void platformWideIngestAndExecutorKeysSpansKeepTheTenantTheyClaim() throws Exception {
    int fill = 63;
    for (String key : new String[] {ingestKey, executorKey}) {
      ExportTraceServiceRequest claimingAcme = request("trusted", span(bytes(16, fill), bytes(8, fill))
          .addAttributes(attribute("baton.tenant", "acme")).build());

      TraceServiceGrpc.newBlockingStub(fixture.channelTo(analytics, key)).export(claimingAcme);
      fill++;
    }

    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'trusted' AND tenant = 'acme'"))
        .isEqualTo(2);
  }

  @Test
  void anExportWithoutAValidKeyIsUnauthenticatedAndStoresNothing() throws Exception {
    ExportTraceServiceRequest request = request("anonymous", span(bytes(16, 71), bytes(8, 72)).build());

    for (Channel anonymous : List.of(fixture.channelTo(analytics),
        fixture.channelTo(analytics, "baton_aaaaaaaaaaaaaaaa_" + "x".repeat(43)))) {
      assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(anonymous).export(request))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'anonymous'")).isZero();
  }

  @Test
  void anExportWithAViewerKeyIsPermissionDeniedAndStoresNothing() throws Exception {
    ExportTraceServiceRequest request = request("viewer", span(bytes(16, 73), bytes(8, 74)).build());

    assertThatThrownBy(() -> TraceServiceGrpc.newBlockingStub(fixture.channelTo(analytics, acmeViewerKey))
        .export(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).contains("TraceService/Export");
        });
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'viewer'")).isZero();
  }

  private static long count(String sql) throws SQLException {
    return db.count(sql);
  }
}
