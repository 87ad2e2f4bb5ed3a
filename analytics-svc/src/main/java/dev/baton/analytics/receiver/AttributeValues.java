package dev.baton.analytics.receiver;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;

/** OTLP attribute values as JSON (bytes as base64), and typed reads of single attributes. */
final class AttributeValues {
  private AttributeValues() {}

  static JsonObject toJson(List<KeyValue> attributes) {
    JsonObject out = new JsonObject();
    for (KeyValue kv : attributes) {
      out.put(kv.getKey(), toJson(kv.getValue()));
    }
    return out;
  }

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
      case KVLIST_VALUE -> toJson(value.getKvlistValue().getValuesList());
      default -> null;
    };
  }

  /** A string attribute (other scalar types as text), or null. */
  static String string(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        return switch (v.getValueCase()) {
          case STRING_VALUE -> v.getStringValue();
          case INT_VALUE -> Long.toString(v.getIntValue());
          case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
          case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
          default -> null;
        };
      }
    }
    return null;
  }

  /** An integer attribute (or an integer in a string), or null when absent or not an int. */
  static Integer integer(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        AnyValue v = kv.getValue();
        if (v.hasIntValue() && v.getIntValue() >= Integer.MIN_VALUE && v.getIntValue() <= Integer.MAX_VALUE) {
          return (int) v.getIntValue();
        }
        if (v.hasStringValue()) {
          try {
            return Integer.valueOf(v.getStringValue().trim());
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return null;
      }
    }
    return null;
  }
}
