package dev.baton.cli.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.failure.CliException;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/**
 * An alert rule as a user writes it in a file: YAML or JSON, the fields of {@code baton.v1.AlertRule}
 * under their JSON (webhookUrl) or proto (webhook_url) names, with two conveniences over proto JSON:
 * {@code kind} without its prefix ({@code SUCCESS_RATE}) and {@code window} as a duration like
 * {@code 5m}. Every error names the field, as the service's do: {@code rule.threshold: ...}.
 */
final class AlertRuleFile {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KIND_PREFIX = "ALERT_KIND_";

  private AlertRuleFile() {}

  static AlertRule parse(String text) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
      throw new CliException("not YAML or JSON: " + e.getOriginalMessage() + where);
    }
    if (tree == null || !tree.isObject()) {
      throw new CliException("expected one alert rule, a mapping like {name: checkout-success, kind: SUCCESS_RATE, "
          + "workflow: checkout}, got " + (tree == null || tree.isMissingNode() ? "nothing"
          : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    AlertRule.Builder rule = AlertRule.newBuilder();
    // field by field, so that an error from the proto JSON parser can name its field
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      merge(rule, field.getKey(), field.getValue());
    }
    return rule.build();
  }

  private static void merge(AlertRule.Builder rule, String name, JsonNode value) {
    FieldDescriptor field = field(name);
    ObjectNode single = JSON.createObjectNode();
    single.set(field.getJsonName(), switch (field.getNumber()) {
      case AlertRule.KIND_FIELD_NUMBER -> kind(value);
      case AlertRule.WINDOW_FIELD_NUMBER -> window(value);
      default -> value;
    });
    try {
      JsonFormat.parser().merge(JSON.writeValueAsString(single), rule);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw invalid(field.getName(), "'" + value.asText(value.toString()) + "': " + e.getMessage(), null);
    }
  }

  private static FieldDescriptor field(String name) {
    for (FieldDescriptor f : AlertRule.getDescriptor().getFields()) {
      if (f.getName().equals(name) || f.getJsonName().equals(name)) {
        return f;
      }
    }
    throw invalid(name, "unknown field", "one of " + AlertRule.getDescriptor().getFields().stream()
        .filter(f -> f.getNumber() < AlertRule.STATE_FIELD_NUMBER).map(FieldDescriptor::getJsonName)
        .collect(Collectors.joining(", ")));
  }

  private static JsonNode kind(JsonNode value) {
    String text = value.asText().trim().toUpperCase(Locale.ROOT);
    String full = text.startsWith(KIND_PREFIX) ? text : KIND_PREFIX + text;
    boolean known = Arrays.stream(AlertKind.values())
        .anyMatch(k -> k != AlertKind.UNRECOGNIZED && k != AlertKind.ALERT_KIND_UNSPECIFIED && k.name().equals(full));
    if (!value.isTextual() || !known) {
      throw invalid("kind", "'" + value.asText(value.toString()) + "'", Arrays.stream(AlertKind.values())
          .filter(k -> k != AlertKind.UNRECOGNIZED && k != AlertKind.ALERT_KIND_UNSPECIFIED)
          .map(k -> k.name().substring(KIND_PREFIX.length())).collect(Collectors.joining(", ")));
    }
    return JSON.getNodeFactory().textNode(full);
  }

  /** "5m", "90s", "1h30m"; proto JSON's "300s" and "1.5s" are durations of that form too. */
  private static JsonNode window(JsonNode value) {
    if (!value.isTextual()) {
      throw invalid("window", value.toString(), "a duration like 500ms, 30s, 10m, 1h");
    }
    try {
      Duration d = new DurationConverter().convert(value.asText());
      return JSON.getNodeFactory().textNode(d.getSeconds() + (d.getNano() == 0 ? "" : "." + String.format(Locale.ROOT,
          "%09d", d.getNano())) + "s");
    } catch (TypeConversionException e) {
      throw invalid("window", e.getMessage(), null);
    }
  }

  private static CliException invalid(String field, String got, String expected) {
    return new CliException("rule." + field + ": " + got + (expected == null ? "" : " (expected: " + expected + ")"));
  }
}
