package dev.baton.analytics.receiver;

import dev.baton.analytics.store.SpanRow.BatonAttributes;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Splits a span's attributes in one pass: the baton.* attributes rollups and alerts read (and
 * server.address) go to their columns, every other one to the JSON of {@code attributes}. An
 * attribute its column cannot hold (a version that is not a number, a list, a repeated key) stays in
 * the JSON, so nothing that was sent is lost. Most spans have no other attribute: their JSON is null,
 * which PostgreSQL stores for free instead of parsing an empty object.
 */
final class SpanAttributes {
  private String tenant;
  private String workflow;
  private Integer workflowVersion;
  private String executionId;
  private String step;
  private Integer attempt;
  private Integer item;
  private String outcome;
  private Long backoffMs;
  private Long queueMs;
  private Long runMs;
  private String serverAddress;
  private JsonObject others;

  private SpanAttributes() {}

  static SpanAttributes of(List<KeyValue> attributes) {
    SpanAttributes out = new SpanAttributes();
    for (KeyValue kv : attributes) {
      if (!out.promote(kv.getKey(), kv.getValue())) {
        if (out.others == null) {
          out.others = new JsonObject();
        }
        out.others.put(kv.getKey(), AttributeValues.toJson(kv.getValue()));
      }
    }
    return out;
  }

  BatonAttributes baton() {
    if (tenant == null && workflow == null && workflowVersion == null && executionId == null && step == null
        && attempt == null && item == null && outcome == null && backoffMs == null && queueMs == null
        && runMs == null) {
      return BatonAttributes.NONE;
    }
    return new BatonAttributes(tenant, workflow, workflowVersion, executionId, step, attempt, item, outcome,
        backoffMs, queueMs, runMs);
  }

  String serverAddress() {
    return serverAddress;
  }

  /** The attributes no column holds, or null. */
  JsonObject others() {
    return others;
  }

  /** Whether the attribute went to its column (false: unknown key, a value of the wrong type, or set already). */
  private boolean promote(String key, AnyValue value) {
    switch (key) {
      case "baton.tenant" -> {
        return tenant == null && (tenant = AttributeValues.string(value)) != null;
      }
      case "baton.workflow" -> {
        return workflow == null && (workflow = AttributeValues.string(value)) != null;
      }
      case "baton.workflow.version" -> {
        return workflowVersion == null && (workflowVersion = AttributeValues.integer(value)) != null;
      }
      case "baton.execution_id" -> {
        return executionId == null && (executionId = AttributeValues.string(value)) != null;
      }
      case "baton.step" -> {
        return step == null && (step = AttributeValues.string(value)) != null;
      }
      case "baton.attempt" -> {
        return attempt == null && (attempt = AttributeValues.integer(value)) != null;
      }
      case "baton.item" -> {
        return item == null && (item = AttributeValues.integer(value)) != null;
      }
      case "baton.outcome" -> {
        return outcome == null && (outcome = AttributeValues.string(value)) != null;
      }
      case "baton.backoff_ms" -> {
        return backoffMs == null && (backoffMs = AttributeValues.longInteger(value)) != null;
      }
      case "baton.queue_ms" -> {
        return queueMs == null && (queueMs = AttributeValues.longInteger(value)) != null;
      }
      case "baton.run_ms" -> {
        return runMs == null && (runMs = AttributeValues.longInteger(value)) != null;
      }
      case "server.address" -> {
        return serverAddress == null && (serverAddress = AttributeValues.string(value)) != null;
      }
      default -> {
        return false;
      }
    }
  }
}
