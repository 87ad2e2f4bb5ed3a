package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON trees and the values CEL evaluates on: integers are CEL ints (Long),
 * decimals doubles, null the protobuf NullValue. Jackson's own conversion gives Integer, which CEL
 * does not treat as int.
 */
final class CelValues {
  private CelValues() {}

  static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(fromJson(element)));
      return list;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  static JsonNode toJson(Object value) {
    if (value == null || value instanceof com.google.protobuf.NullValue
        || value instanceof dev.cel.common.values.NullValue) {
      return Json.NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = Json.NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof Iterable<?> list) {
      ArrayNode array = Json.NODES.arrayNode();
      list.forEach(element -> array.add(toJson(element)));
      return array;
    }
    if (value instanceof UnsignedLong unsigned) {
      return Json.NODES.numberNode(unsigned.bigIntegerValue());
    }
    if (value instanceof ByteString bytes) {
      return Json.NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
    if (value instanceof Timestamp t) { // the protobuf JSON forms: RFC 3339 and "1.5s"
      return Json.NODES.textNode(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString());
    }
    if (value instanceof com.google.protobuf.Duration d) {
      return Json.NODES.textNode(
          BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNanos(), 9)).stripTrailingZeros()
              .toPlainString() + "s");
    }
    return Json.fromJava(value);
  }
}
