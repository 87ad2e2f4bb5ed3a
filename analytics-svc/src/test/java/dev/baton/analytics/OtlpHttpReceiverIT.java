package dev.baton.analytics;

import static dev.baton.analytics.OtlpRequests.attribute;
import static dev.baton.analytics.OtlpRequests.bytes;
import static dev.baton.analytics.OtlpRequests.request;
import static dev.baton.analytics.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Role;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP (binary protobuf) on analytics-svc's port: the real OTel SDK exporter and raw requests. */
class OtlpHttpReceiverIT {
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  private static AnalyticsFixture fixture;
  private static TestDatabase db;
  private static Analytics analytics;
  /** Platform-wide, as Baton's own services export with: the spans' tenants are trusted. */
  private static String ingestKey;
  private static String acmeIngestKey;
  private static String acmeViewerKey;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    fixture = AnalyticsFixture.create();
    db = fixture.database();
    ingestKey = fixture.apiKey(null, Role.ROLE_INGEST);
    acmeIngestKey = fixture.apiKey("acme", Role.ROLE_INGEST);
    acmeViewerKey = fixture.apiKey("acme", Role.ROLE_VIEWER);
    analytics = fixture.startReplica(Map.of("BATON_MAX_MESSAGE_BYTES", Integer.toString(MAX_MESSAGE_BYTES)));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void spansFromTheOtelSdkHttpExporterLandInTheTableAlsoGzipped() throws Exception {
    for (String compression : new String[] {"none", "gzip"}) {
      SdkTracerProvider provider = SdkTracerProvider.builder()
          .setResource(Resource.getDefault().merge(Resource.create(
              Attributes.of(AttributeKey.stringKey("service.name"), "http-exporter-" + compression))))
          .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
              .setEndpoint(analytics.otlpEndpoint() + "/v1/traces").setCompression(compression)
              .addHeader("authorization", "Bearer " + ingestKey).build()))
          .build();
      Span span = provider.get("test").spanBuilder("baton.attempt")
          .setAttribute("baton.workflow", "lead-pipeline").setAttribute("baton.step", "enrich").startSpan();
      span.end();
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as(compression).isTrue();
      provider.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'http-exporter-" + compression
          + "' AND workflow = 'lead-pipeline' AND step = 'enrich' AND span_id = '\\x"
          + span.getSpanContext().getSpanId() + "'")).as(compression).isEqualTo(1);
    }
  }

  @Test
  void anAcceptedRequestIsAnsweredWithAnExportResponseAndItsSpansStoredOnce() throws Exception {
    byte[] body = request("raw-http", span(bytes(16, 51), bytes(8, 52)).build()).toByteArray();

    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> response = post("application/x-protobuf", null, body);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/x-protobuf");
      assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    }
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'raw-http'")).isEqualTo(1);
  }

  @Test
  void aMalformedSpanIs400WithAStatusNamingTheFieldAndNothingStored() throws Exception {
    byte[] body = request("broken-http", span(bytes(16, 61), bytes(8, 62)).build(),
        span(bytes(16, 63), bytes(7, 64)).build()).toByteArray();

    HttpResponse<byte[]> response = post("application/x-protobuf", null, body);

    assertThat(response.statusCode()).isEqualTo(400);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT.value());
    assertThat(status.getMessage()).isEqualTo("resource_spans[0].scope_spans[0].spans[1].span_id: 7 bytes (expected: 8)");
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'broken-http'")).isZero();
  }

  @Test
  void bytesThatAreNoExportRequestAre400NamingTheBody() throws Exception {
    HttpResponse<byte[]> response = post("application/x-protobuf", null, new byte[] {(byte) 0xff, 0x01, 0x02});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .startsWith("body: not an ExportTraceServiceRequest");
  }

  @Test
  void jsonIs415NamingTheContentTypeThatIsServed() throws Exception {
    HttpResponse<byte[]> response = post("application/json", null, "{\"resourceSpans\": []}".getBytes());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .isEqualTo("Content-Type: 'application/json' (expected: application/x-protobuf; OTLP/JSON is not served,"
            + " use http/protobuf or grpc)");
  }

  @Test
  void aBodyOverTheLimitIs413AlsoWhenItIsOnlyOverOnceGunzipped() throws Exception {
    byte[] huge = request("huge-http", span(bytes(16, 71), bytes(8, 72))
        .addAttributes(KeyValue.newBuilder().setKey("blob")
            .setValue(AnyValue.newBuilder().setStringValue("x".repeat(MAX_MESSAGE_BYTES + 1))))
        .build()).toByteArray();

    assertThat(post("application/x-protobuf", null, huge).statusCode()).isEqualTo(413);
    byte[] zipped = gzip(huge);
    assertThat(zipped.length).isLessThan(MAX_MESSAGE_BYTES);
    HttpResponse<byte[]> response = post("application/x-protobuf", "gzip", zipped);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(com.google.rpc.Status.parseFrom(response.body()).getMessage())
        .isEqualTo("body: more than " + MAX_MESSAGE_BYTES + " bytes once gunzipped (BATON_MAX_MESSAGE_BYTES)");
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'huge-http'")).isZero();
  }

  /** Sent with the platform-wide ingest key. */
  @Test
  void aTenantKeysSpansAreStoredAsItsTenantsWhateverTenantTheyClaim() throws Exception {
    byte[] body = request("claiming-http", span(bytes(16, 81), bytes(8, 82))
        .addAttributes(attribute("baton.tenant", "globex")).build()).toByteArray();

    assertThat(post("Bearer " + acmeIngestKey, "application/x-protobuf", null, body).statusCode()).isEqualTo(200);

    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'claiming-http' AND tenant = 'acme'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'claiming-http' AND tenant <> 'acme'"))
        .isZero();
  }

  @Test
  void withoutAValidKeyItIs401WithAStatusAndNothingStored() throws Exception {
    byte[] body = request("anonymous-http", span(bytes(16, 91), bytes(8, 92)).build()).toByteArray();

    for (String authorization : new String[] {null, "Bearer baton_aaaaaaaaaaaaaaaa_" + "x".repeat(43), "Basic abc"}) {
      HttpResponse<byte[]> response = post(authorization, "application/x-protobuf", null, body);

      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
      assertThat(status.getCode()).as(authorization).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED.value());
      assertThat(status.getMessage()).as(authorization).isNotBlank();
    }
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'anonymous-http'")).isZero();
  }

  @Test
  void aKeyWithoutTheIngestRoleIs403WithAStatusAndNothingStored() throws Exception {
    byte[] body = request("viewer-http", span(bytes(16, 93), bytes(8, 94)).build()).toByteArray();

    HttpResponse<byte[]> response = post("Bearer " + acmeViewerKey, "application/x-protobuf", null, body);

    assertThat(response.statusCode()).isEqualTo(403);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED.value());
    assertThat(status.getMessage()).contains("may not export spans");
    assertThat(count("SELECT count(*) FROM analytics.spans WHERE service = 'viewer-http'")).isZero();
  }

  private static HttpResponse<byte[]> post(String contentType, String encoding, byte[] body) throws Exception {
    return post("Bearer " + ingestKey, contentType, encoding, body);
  }

  /** {@code authorization} null: without the header. */
  private static HttpResponse<byte[]> post(String authorization, String contentType, String encoding, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(analytics.otlpEndpoint() + "/v1/traces"))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] plain) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(plain);
    }
    return out.toByteArray();
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
