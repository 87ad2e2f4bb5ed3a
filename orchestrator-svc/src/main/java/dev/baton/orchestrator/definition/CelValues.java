package dev.baton.orchestrator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.baton.common.json.Json;
import dev.baton.common.time.DurationParser;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelUnknownSet;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between the plain Java values of JSON (Map, List, String, Long, Double, Boolean, null) and
 * the values CEL works with.
 *
 * <p>Why both directions are needed: CEL's {@code int} is a {@code Long} only, so an {@code Integer}
 * from Jackson makes {@code input.x + 1} fail with "no matching overload"; and a Java {@code null}
 * in a map is read by the runtime as an <em>unknown</em> value, not as CEL {@code null}. On the way
 * out, CEL produces its own types (NullValue, UnsignedLong, byte strings, Duration, Instant,
 * immutable collections) that JSON and the engine do not know.
 */
final class CelValues {
  private CelValues() {}

  /** A JSON-like Java value (or Jackson tree) as CEL expects it. */
  static Object toCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof JsonNode node) {
      return toCel(Json.toJava(node));
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      map.forEach((k, v) -> converted.put(String.valueOf(k), toCel(v)));
      return converted;
    }
    if (value instanceof Collection<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      list.forEach(v -> converted.add(toCel(v)));
      return converted;
    }
    return value;
  }

  /**
   * A CEL result as a JSON-like Java value. Map keys become strings (JSON objects have string keys);
   * durations are rendered like "1500ms" / "2m", timestamps as ISO-8601, bytes as base64 (the proto
   * JSON convention).
   */
  static Object toJava(Object value) throws ExpressionException {
    if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
      return null;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof UnsignedLong u) {
      return u.compareTo(UnsignedLong.valueOf(Long.MAX_VALUE)) <= 0 ? (Object) u.longValue() : (Object) u.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        converted.put(String.valueOf(toJava(e.getKey())), toJava(e.getValue()));
      }
      return converted;
    }
    if (value instanceof Collection<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      for (Object v : list) {
        converted.add(toJava(v));
      }
      return converted;
    }
    if (value instanceof Optional<?> optional) {
      return optional.isPresent() ? toJava(optional.get()) : null;
    }
    if (value instanceof CelByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof ByteString bytes) {
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
    if (value instanceof Duration duration) {
      return DurationParser.format(duration);
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof MessageOrBuilder message) {
      return fromProtoJson(message);
    }
    if (value instanceof CelUnknownSet) {
      throw new ExpressionException("the expression depends on a variable that has no value here");
    }
    throw new ExpressionException("the result has a type JSON cannot represent: " + value.getClass().getSimpleName());
  }

  private static Object fromProtoJson(MessageOrBuilder message) throws ExpressionException {
    try {
      return Json.toJava(Json.parse(JsonFormat.printer().print(message)));
    } catch (InvalidProtocolBufferException e) {
      throw new ExpressionException("the result cannot be represented as JSON: " + e.getMessage(), e);
    }
  }
}
