package dev.baton.orchestrator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a parsed definition tree against the proto schema before JsonFormat sees it: unknown keys
 * and values of the wrong JSON kind, each reported with its path ({@code steps[1] (enrich).onError}).
 * JsonFormat would stop at the first problem and say neither where nor in which step.
 */
final class DefinitionShape {
  private DefinitionShape() {}

  static void check(JsonNode node, Descriptor type, String path, Violations violations) {
    if (!node.isObject()) {
      violations.add(path.isEmpty() ? "definition" : path, "expected an object, got " + kind(node));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String fieldPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
      FieldDescriptor field = find(type, entry.getKey());
      if (field == null && type.toProto().getReservedNameList().contains(entry.getKey())) {
        // reserved in the proto for a feature to come: say so rather than "unknown"
        violations.add(fieldPath, "not supported yet (expected one of: " + fieldNames(type) + ")");
      } else if (field == null) {
        violations.add(fieldPath, "unknown field (expected one of: " + fieldNames(type) + ")");
      } else if (!entry.getValue().isNull()) {
        checkField(field, entry.getValue(), fieldPath, violations);
      }
    }
    checkOneofs(node, type, path, violations);
  }

  /** JsonFormat would say "another field belonging to the same oneof has already been set", without a path. */
  private static void checkOneofs(JsonNode node, Descriptor type, String path, Violations violations) {
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      List<String> present = oneof.getFields().stream()
          .filter(field -> present(node, field))
          .map(FieldDescriptor::getJsonName)
          .toList();
      if (present.size() > 1) {
        violations.add(path.isEmpty() ? "definition" : path,
            "only one of " + String.join(", ", present) + " may be set");
      }
    }
  }

  private static boolean present(JsonNode node, FieldDescriptor field) {
    JsonNode value = node.has(field.getJsonName()) ? node.get(field.getJsonName()) : node.get(field.getName());
    return value != null && !value.isNull();
  }

  private static void checkField(FieldDescriptor field, JsonNode value, String path, Violations violations) {
    if (field.isRepeated()) {
      if (!value.isArray()) {
        violations.add(path, "expected a list, got " + kind(value));
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        checkValue(field, value.get(i), path + "[" + i + "]" + idSuffix(value.get(i)), violations);
      }
    } else {
      checkValue(field, value, path, violations);
    }
  }

  private static void checkValue(FieldDescriptor field, JsonNode value, String path, Violations violations) {
    String problem = switch (field.getJavaType()) {
      case MESSAGE -> {
        Descriptor type = field.getMessageType();
        if (type.equals(Struct.getDescriptor())) {
          yield value.isObject() ? null : "expected an object, got " + kind(value);
        }
        if (type.equals(Value.getDescriptor())) {
          yield null;
        }
        check(value, type, path, violations);
        yield null;
      }
      case INT, LONG -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))
          ? null : "expected an integer, got " + kind(value);
      case DOUBLE, FLOAT -> value.isNumber() ? null : "expected a number, got " + kind(value);
      case BOOLEAN -> value.isBoolean() ? null : "expected true or false, got " + kind(value);
      case STRING -> value.isValueNode() ? null : "expected a string, got " + kind(value);
      default -> null; // enums and bytes: not in the schema today; JsonFormat checks them
    };
    if (problem != null) {
      violations.add(path, problem);
    }
  }

  /** JsonFormat accepts both the JSON name (dependsOn) and the proto name (depends_on). */
  private static FieldDescriptor find(Descriptor type, String key) {
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(key) || field.getName().equals(key)) {
        return field;
      }
    }
    return null;
  }

  private static String fieldNames(Descriptor type) {
    return type.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", "));
  }

  /** Steps are easier to find by id than by position: "steps[1] (enrich)". */
  private static String idSuffix(JsonNode element) {
    JsonNode id = element.get("id");
    return id != null && id.isTextual() && !id.textValue().isEmpty() ? " (" + id.textValue() + ")" : "";
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string ('" + node.textValue() + "')";
      case NUMBER -> "a number (" + node.numberValue() + ")";
      case BOOLEAN -> "a bool (" + node.booleanValue() + ")";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
