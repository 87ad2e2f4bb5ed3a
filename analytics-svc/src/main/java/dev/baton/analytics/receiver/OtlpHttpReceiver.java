package dev.baton.analytics.receiver;

import dev.baton.analytics.error.AnalyticsException;
import dev.baton.analytics.error.Statuses;
import dev.baton.common.auth.Access;
import dev.baton.common.auth.LiveKeyRing;
import dev.baton.common.auth.Principal;
import dev.baton.common.auth.Verdict;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP with binary protobuf ({@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}) on the
 * service's port: {@code POST /v1/traces}. The body is the same ExportTraceServiceRequest as over
 * gRPC and goes through the same {@link OtlpTraceReceiver}, so both transports store and refuse
 * alike. Answers as the OTLP specification asks: 200 with an ExportTraceServiceResponse once the
 * spans are stored; 400 for a malformed request (exporters do not retry it); 503 with Retry-After
 * when they could not be stored (exporters retry); 413 for a body (or its gunzipped content) over
 * BATON_MAX_MESSAGE_BYTES; 415 for another content type (OTLP's JSON encoding is not served).
 * Error bodies are a {@code google.rpc.Status} naming the problem.
 */
public final class OtlpHttpReceiver {
  public static final String PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  /** Seconds an exporter waits before retrying a 503. */
  private static final String RETRY_AFTER_SECONDS = "1";

  private final OtlpTraceReceiver receiver;
  private final LiveKeyRing keys;
  private final int maxBytes;

  public OtlpHttpReceiver(OtlpTraceReceiver receiver, LiveKeyRing keys, int maxBytes) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.maxBytes = maxBytes;
  }

  /** Adds the route; a body over the limit is refused (413) by the body handler before it is buffered whole. */
  public void addTo(Router router) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBytes)).handler(this::export);
  }

  private void export(RoutingContext rc) {
    Verdict verdict = keys.verifyHeader(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (verdict instanceof Verdict.Refused refused) {
      fail(rc.response(), 401, Status.UNAUTHENTICATED.withDescription(refused.reason()));
      return;
    }
    Principal sender = ((Verdict.Accepted) verdict).principal();
    if (!Access.INGEST.allows(sender.role())) {
      fail(rc.response(), 403, Status.PERMISSION_DENIED.withDescription("API key " + sender.keyId()
          + " may not export spans (it takes " + Access.INGEST.roleNames() + ")"));
      return;
    }
    String contentType = Objects.requireNonNullElse(rc.request().getHeader(HttpHeaders.CONTENT_TYPE), "");
    if (!contentType.split(";")[0].trim().equalsIgnoreCase(PROTOBUF)) {
      // the one refusal OTLP/HTTP answers by its own code rather than by the status's
      fail(rc.response(), 415, Statuses.of(AnalyticsException.invalidRequest("Content-Type: '" + contentType
          + "' (expected: " + PROTOBUF + "; OTLP/JSON is not served, use http/protobuf or grpc)"),
          OtlpTraceReceiver.STORING));
      return;
    }
    ExportTraceServiceRequest request;
    try {
      request = parse(rc);
    } catch (AnalyticsException e) {
      fail(rc.response(), Statuses.of(e, OtlpTraceReceiver.STORING));
      return;
    }
    receiver.export(request, sender, new Reply(rc.response()));
  }

  private ExportTraceServiceRequest parse(RoutingContext rc) {
    try {
      return ExportTraceServiceRequest.parseFrom(body(rc));
    } catch (IOException e) {
      throw AnalyticsException.invalidRequest("body: not an ExportTraceServiceRequest (" + e.getMessage() + ")");
    }
  }

  private byte[] body(RoutingContext rc) throws IOException {
    byte[] raw = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    String encoding = rc.request().getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding == null || encoding.equalsIgnoreCase("identity")) {
      return raw;
    }
    if (!encoding.equalsIgnoreCase("gzip")) {
      throw new IOException("Content-Encoding '" + encoding + "' (expected: gzip or none)");
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      // read one byte past the limit to tell "exactly the limit" from "over it" without inflating a bomb
      byte[] inflated = in.readNBytes(maxBytes + 1);
      if (inflated.length > maxBytes) {
        throw AnalyticsException.tooLarge("body: more than " + maxBytes + " bytes once gunzipped"
            + " (BATON_MAX_MESSAGE_BYTES)");
      }
      return inflated;
    }
  }

  /** The HTTP code OTLP/HTTP gives each status (exporters retry a 503, not a 400, 413 or 500). */
  private static void fail(HttpServerResponse response, Status status) {
    fail(response, switch (status.getCode()) {
      case INVALID_ARGUMENT -> 400;
      case RESOURCE_EXHAUSTED -> 413;
      case UNAVAILABLE -> 503;
      default -> 500;
    }, status);
  }

  private static void fail(HttpServerResponse response, int httpStatus, Status status) {
    com.google.rpc.Status body = com.google.rpc.Status.newBuilder()
        .setCode(status.getCode().value()).setMessage(Objects.requireNonNullElse(status.getDescription(), "")).build();
    if (httpStatus == 503) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    response.setStatusCode(httpStatus).putHeader(HttpHeaders.CONTENT_TYPE, PROTOBUF)
        .end(Buffer.buffer(body.toByteArray()));
  }

  /** The gRPC receiver's answer as an HTTP response. */
  private record Reply(HttpServerResponse response) implements StreamObserver<ExportTraceServiceResponse> {
    @Override
    public void onNext(ExportTraceServiceResponse value) {
      response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, PROTOBUF).end(Buffer.buffer(value.toByteArray()));
    }

    @Override
    public void onError(Throwable error) {
      fail(response, Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      // the response ended with onNext
    }
  }
}
