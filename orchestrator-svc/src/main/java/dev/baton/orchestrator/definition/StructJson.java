package dev.baton.orchestrator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.baton.common.json.Json;
import java.util.Map;

/**
 * A proto {@code Struct} as a Jackson tree.
 *
 * <p>Struct keeps every number as a double, so {@code count: 3} would reach handlers and CEL as
 * {@code 3.0}; numbers without a fraction (within the range doubles hold exactly) are turned back
 * into integers, which is what the author wrote.
 */
final class StructJson {
  private static final double EXACT_LIMIT = 9_007_199_254_740_992d; // 2^53

  private StructJson() {}

  static ObjectNode toJson(Struct struct) {
    ObjectNode object = Json.NODES.objectNode();
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      object.set(field.getKey(), toJson(field.getValue()));
    }
    return object;
  }

  static JsonNode toJson(Value value) {
    return switch (value.getKindCase()) {
      case STRUCT_VALUE -> toJson(value.getStructValue());
      case LIST_VALUE -> {
        ArrayNode array = Json.NODES.arrayNode();
        value.getListValue().getValuesList().forEach(element -> array.add(toJson(element)));
        yield array;
      }
      case STRING_VALUE -> Json.NODES.textNode(value.getStringValue());
      case BOOL_VALUE -> Json.NODES.booleanNode(value.getBoolValue());
      case NUMBER_VALUE -> number(value.getNumberValue());
      case NULL_VALUE, KIND_NOT_SET -> Json.NODES.nullNode();
    };
  }

  private static JsonNode number(double n) {
    if (n != Math.rint(n) || Math.abs(n) > EXACT_LIMIT) {
      return Json.NODES.numberNode(n);
    }
    // The node types Jackson's own parser picks, so trees compare equal to parsed JSON.
    long whole = (long) n;
    return whole == (int) whole ? Json.NODES.numberNode((int) whole) : Json.NODES.numberNode(whole);
  }
}
