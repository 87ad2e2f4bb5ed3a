package dev.baton.analytics.receiver;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/** OTLP attribute values as JSON (bytes as base64), and typed reads of single values. */
final class AttributeValues {
  private AttributeValues() {}

  static Object toJson(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue()) ? value.getDoubleValue()
          : Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        JsonArray array = new JsonArray();
        value.getArrayValue().getValuesList().forEach(v -> array.add(toJson(v)));
        yield array;
      }
      case KVLIST_VALUE -> {
        JsonObject object = new JsonObject();
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          object.put(kv.getKey(), toJson(kv.getValue()));
        }
        yield object;
      }
      default -> null;
    };
  }

  /** The first string attribute named {@code key} (other scalar types as text), or null. */
  static String string(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        return string(kv.getValue());
      }
    }
    return null;
  }

  /** A scalar value as text, or null (arrays, key-value lists, bytes, no value). */
  static String string(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      default -> null;
    };
  }

  /** An integer value (or an integer in a string), or null when it is none or out of range. */
  static Integer integer(AnyValue v) {
    Long value = longInteger(v);
    return value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null : value.intValue();
  }

  /** A 64-bit integer value (or one in a string), or null when it is none. */
  static Long longInteger(AnyValue v) {
    if (v.hasIntValue()) {
      return v.getIntValue();
    }
    if (v.hasStringValue()) {
      try {
        return Long.valueOf(v.getStringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
