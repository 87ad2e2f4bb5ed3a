package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepFailure;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads JSON, CSV and form-encoded audiences into keyed {@link AudienceField}s. */
final class StructuredAudience {
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();

  private StructuredAudience() {}

  static List<AudienceField> fromJsonText(String text, String field) throws StepFailure {
    try {
      return fromJson(Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent("INVALID_INPUT", field + ": looks like JSON but is not valid JSON: "
          + e.getMessage());
    }
  }

  /** Every scalar under the nearest enclosing property name; arrays and nested objects are walked. */
  static List<AudienceField> fromJson(JsonNode json) {
    List<AudienceField> fields = new ArrayList<>();
    collect(null, json, fields);
    return fields;
  }

  /**
   * With a header row that names at least one known column (role, industry, location, ...) every
   * cell is read under its column's name; without one, every cell (the first row's too) is free text.
   */
  static List<AudienceField> fromCsv(String text, String field) throws StepFailure {
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(text)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    } catch (IOException | RuntimeException e) {
      throw StepFailure.permanent("INVALID_INPUT", field + ": looks like CSV but cannot be read: "
          + e.getMessage());
    }
    List<String> header = rows.isEmpty() ? List.of() : rows.get(0);
    boolean hasHeader = header.stream().anyMatch(name -> Criterion.forKey(name).isPresent());
    List<AudienceField> fields = new ArrayList<>();
    for (List<String> row : hasHeader ? rows.subList(1, rows.size()) : rows) {
      for (int i = 0; i < row.size(); i++) {
        String key = hasHeader && i < header.size() ? header.get(i) : null;
        fields.add(new AudienceField(key, row.get(i)));
      }
    }
    return fields;
  }

  /** a=b&c=d, URL-decoded ('+' is a space); a key may repeat. */
  static List<AudienceField> fromForm(String text, String field) throws StepFailure {
    List<AudienceField> fields = new ArrayList<>();
    try {
      for (String pair : text.trim().split("&")) {
        int eq = pair.indexOf('=');
        fields.add(new AudienceField(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
      }
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent("INVALID_INPUT", field + ": looks form-encoded but has a bad escape: "
          + e.getMessage());
    }
    return fields;
  }

  private static void collect(String key, JsonNode node, List<AudienceField> fields) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        collect(property.getKey(), property.getValue(), fields);
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(key, element, fields));
    } else if (node.isValueNode() && !node.isNull()) {
      fields.add(new AudienceField(key, node.asText()));
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
