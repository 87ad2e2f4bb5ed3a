package dev.baton.common.telemetry;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C {@code traceparent} ("00-&lt;trace id&gt;-&lt;span id&gt;-&lt;flags&gt;") as Baton stores it on
 * an execution and puts on its tasks. Its span id is the span id of the execution's span, derived
 * from the execution id ({@link #spanIdOf}), so any replica can emit that span when the execution
 * ends and executors can parent their spans to it before it exists.
 */
public record TraceParent(String traceId, String spanId) {

  /** A new trace for a top-level execution. */
  public static TraceParent newTrace(UUID executionId) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String traceId = TraceId.fromLongs(random.nextLong() | 1, random.nextLong());
    return new TraceParent(traceId, spanIdOf(executionId));
  }

  /**
   * The traceparent of a child execution: the parent's trace, the child's own span id. A parent
   * traceparent that cannot be parsed (written by an older version) starts a new trace.
   */
  public static String forChildExecution(String parentTraceparent, UUID childExecutionId) {
    return parse(parentTraceparent)
        .map(parent -> new TraceParent(parent.traceId(), spanIdOf(childExecutionId)))
        .orElseGet(() -> newTrace(childExecutionId))
        .format();
  }

  /** A stable, non-zero 16-hex-digit span id for a Baton id (execution, task). */
  public static String spanIdOf(UUID id) {
    long mixed = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 29);
    return SpanId.fromLong(mixed == 0 ? 1 : mixed);
  }

  public static Optional<TraceParent> parse(String header) {
    if (header == null || header.length() != 55 || !header.startsWith("00-") || header.charAt(35) != '-'
        || header.charAt(52) != '-') {
      return Optional.empty();
    }
    String traceId = header.substring(3, 35);
    String spanId = header.substring(36, 52);
    if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !HexFormat.isHexDigit(header.charAt(53))) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(traceId, spanId));
  }

  public String format() {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  /** This context as the remote parent of spans made elsewhere (always sampled). */
  public Context asRemoteParent() {
    return Context.root().with(io.opentelemetry.api.trace.Span.wrap(
        SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())));
  }
}
