package dev.baton.analytics.receiver;

import com.google.protobuf.ByteString;
import dev.baton.analytics.error.AnalyticsException;
import dev.baton.analytics.store.SpanRow;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an OTLP export request into rows, checking what the rows need: ids of the right length
 * and not all zero, a name, start and end times with end &gt;= start. Any violation rejects the
 * whole request with the path of the field, so that the sender sees its bug instead of a silent gap.
 * Spans of any service are accepted; only those with baton.* attributes fill the promoted columns
 * ({@link SpanAttributes}).
 */
final class SpanRows {
  static final String UNKNOWN_SERVICE = "unknown_service";

  private SpanRows() {}

  static List<SpanRow> of(ExportTraceServiceRequest request) {
    List<SpanRow> rows = new ArrayList<>();
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      String service = serviceName(resourceSpans.getResource());
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
          rows.add(row(new SpanPath(r, s, i), service, scopeSpans.getSpans(i)));
        }
      }
    }
    return rows;
  }

  /** Where a span is in the request; made into text only for an error message. */
  private record SpanPath(int resource, int scope, int span) {
    String field(String name) {
      return "resource_spans[" + resource + "].scope_spans[" + scope + "].spans[" + span + "]." + name;
    }
  }

  private static SpanRow row(SpanPath path, String service, Span span) {
    byte[] traceId = id(path, "trace_id", span.getTraceId(), 16, true);
    byte[] spanId = id(path, "span_id", span.getSpanId(), 8, true);
    byte[] parent = id(path, "parent_span_id", span.getParentSpanId(), 8, false);
    if (span.getName().isEmpty()) {
      throw AnalyticsException.invalidRequest(path.field("name") + ": empty (expected: the span's name)");
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    if (start == 0) {
      throw AnalyticsException.invalidRequest(path.field("start_time_unix_nano") + ": 0 (expected: > 0)");
    }
    if (Long.compareUnsigned(end, start) < 0) {
      throw AnalyticsException.invalidRequest(path.field("end_time_unix_nano") + ": " + Long.toUnsignedString(end)
          + " (expected: >= start_time_unix_nano " + Long.toUnsignedString(start) + ")");
    }
    if (start < 0) { // beyond year 2262 as a signed long: not a real timestamp
      throw AnalyticsException.invalidRequest(path.field("start_time_unix_nano") + ": " + Long.toUnsignedString(start)
          + " (expected: nanoseconds since 1970 before 2262)");
    }
    SpanAttributes attributes = SpanAttributes.of(span.getAttributesList());
    return new SpanRow(traceId, spanId, parent, service, span.getName(), span.getKindValue(),
        time(start), time(end), end - start, span.getStatus().getCodeValue(),
        span.getStatus().getMessage().isEmpty() ? null : span.getStatus().getMessage(),
        attributes.baton(), attributes.serverAddress(), attributes.others());
  }

  private static byte[] id(SpanPath path, String field, ByteString bytes, int length, boolean required) {
    if (bytes.isEmpty() && !required) {
      return null;
    }
    if (bytes.size() != length) {
      throw AnalyticsException.invalidRequest(path.field(field) + ": " + bytes.size() + " bytes (expected: " + length
          + ")");
    }
    for (int i = 0; i < length; i++) {
      if (bytes.byteAt(i) != 0) {
        return bytes.toByteArray();
      }
    }
    if (!required) {
      return null; // an all-zero parent id is how some SDKs say "no parent"
    }
    throw AnalyticsException.invalidRequest(path.field(field) + ": all zero (expected: a valid id)");
  }

  private static String serviceName(Resource resource) {
    String name = AttributeValues.string(resource.getAttributesList(), "service.name");
    return name == null || name.isBlank() ? UNKNOWN_SERVICE : name;
  }

  private static OffsetDateTime time(long unixNanos) {
    return Instant.ofEpochSecond(0, unixNanos).atOffset(ZoneOffset.UTC);
  }
}
