package dev.baton.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The one configured Jackson mapper, and conversions between JSON text and trees. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Parses JSON text; throws {@link IllegalArgumentException} with the parser's location on bad input. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + " column " + e.getLocation().getColumnNr()), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("value is not serializable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts a tree to plain Java values (Map, List, String, Long, Double, Boolean, null). */
  public static Object toJava(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  public static JsonNode fromJava(Object value) {
    return MAPPER.valueToTree(value);
  }
}
