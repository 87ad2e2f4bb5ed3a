package dev.baton.analytics;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Raw OTLP export requests for tests that need spans the SDK would not send (bad ids, chosen times, repeats). */
public final class OtlpRequests {
  private OtlpRequests() {}

  /** A 5 ms span named "charge" that ended now, with one attribute note=external. */
  public static Span.Builder span(byte[] traceId, byte[] spanId) {
    long now = System.currentTimeMillis() * 1_000_000L;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
        .setName("charge").setStartTimeUnixNano(now - 5_000_000L).setEndTimeUnixNano(now)
        .addAttributes(attribute("note", "external"));
  }

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attribute(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  public static ExportTraceServiceRequest request(String service, Span... spans) {
    return request(service, List.of(spans));
  }

  public static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  public static byte[] bytes(int length, int fill) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) fill);
    return out;
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
