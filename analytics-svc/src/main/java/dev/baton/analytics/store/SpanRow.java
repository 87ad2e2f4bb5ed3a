package dev.baton.analytics.store;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One received span as stored in {@code analytics.spans}; the columns are documented in
 * V21__partitioned_spans.sql. The baton.* attributes rollups and alerts read are fields of their own;
 * {@code attributes} holds the others, or is null when there are none.
 */
public record SpanRow(
    byte[] traceId, byte[] spanId, byte[] parentSpanId, String service, String name, int kind,
    OffsetDateTime startTime, OffsetDateTime endTime, long durationNanos, int statusCode, String statusMessage,
    BatonAttributes baton, String serverAddress, JsonObject attributes) {

  /** This span as a tenant-bound ingest key's: whatever tenant the span claims, it is {@code tenant}'s. */
  public SpanRow ofTenant(String tenant) {
    BatonAttributes b = baton;
    return new SpanRow(traceId, spanId, parentSpanId, service, name, kind, startTime, endTime, durationNanos,
        statusCode, statusMessage, new BatonAttributes(tenant, b.workflow(), b.workflowVersion(), b.executionId(),
            b.step(), b.attempt(), b.item(), b.outcome(), b.backoffMs(), b.queueMs(), b.runMs()),
        serverAddress, attributes);
  }

  /** The promoted attributes; {@link #NONE} for spans of other services. */
  public record BatonAttributes(String tenant, String workflow, Integer workflowVersion, String executionId,
      String step, Integer attempt, Integer item, String outcome, Long backoffMs, Long queueMs, Long runMs) {
    public static final BatonAttributes NONE =
        new BatonAttributes(null, null, null, null, null, null, null, null, null, null, null);
  }
}
