package dev.baton.analytics.store;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** One received span as stored in {@code analytics.spans}; the columns are documented in V1__spans.sql. */
public record SpanRow(
    byte[] traceId, byte[] spanId, byte[] parentSpanId, String service, String name, int kind,
    OffsetDateTime startTime, OffsetDateTime endTime, long durationNanos, int statusCode, String statusMessage,
    String tenant, String workflow, Integer workflowVersion, String executionId, String step, Integer attempt,
    String serverAddress, JsonObject attributes) {}
