package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;
import dev.baton.sdk.handler.StepHandler;
import java.util.List;
import java.util.Locale;

/**
 * {@code audience-translator}: turns an audience description into search criteria and the
 * segments the enrichment step fans out over. Deterministic rules, no model:
 *
 * <ol>
 *   <li><b>Input</b>: {@code input.text}, else {@code input.audience}: a string, or a JSON
 *       object/array given as is. A missing, blank or non-text value fails with
 *       {@code INVALID_INPUT} (not retryable).
 *   <li><b>Format</b> ({@link AudienceFormat#detect}): JSON if it starts with '{' or '['; form if
 *       it is one line of {@code key=value} pairs joined by '&'; CSV if it has two or more lines
 *       with the same number of commas; natural language otherwise. Malformed JSON, CSV or
 *       form escapes fail with {@code INVALID_INPUT}.
 *   <li><b>Natural language</b>: known phrases are matched as whole words, case-insensitively:
 *       roles and company stages also in the plural ("CTOs", "VPs of Engineering", "scale-ups"),
 *       industries and locations as written; the longest overlapping phrase wins. Head counts
 *       ("50-200 employees", "1000+ staff", "over 500 people") become a company stage
 *       "50-200 employees" / "1000+ employees". The phrases are in {@link AudienceVocabulary}.
 *   <li><b>Structured</b> (JSON properties, CSV columns, form keys): keys such as role/title,
 *       industry/sector, location/city/country and stage/size/employees name the criterion
 *       (case and punctuation ignored, see {@link Criterion}); a value may list items separated by
 *       ',', ';' or '|'; each item is canonicalised when known and kept verbatim otherwise. Values
 *       under other keys, and CSV without a known header, are read as natural language.
 *   <li><b>Segments</b>: see {@link SegmentPlanner}: roles x industries x locations, stable order,
 *       at most 20 ({@code truncated} tells when more were possible).
 *   <li><b>Nothing recognised</b> is not an error: criteria and segments come back empty, and
 *       the workflow's {@code when} skips enrichment.
 * </ol>
 *
 * <p>Output: {@code {"format", "criteria": {"roles", "industries", "locations", "companyStage"},
 * "segments": [{"id", "role", "industry", "location"}], "truncated"}}.
 */
public final class AudienceTranslator implements StepHandler {
  public static final String NAME = "audience-translator";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JsonNode handle(StepContext context) throws StepFailure {
    String field = context.input().hasNonNull("text") ? "text" : "audience";
    JsonNode audience = context.input().path(field);
    AudienceFormat format;
    AudienceCriteria criteria;
    if (audience.isObject() || audience.isArray()) {
      format = AudienceFormat.JSON;
      criteria = CriteriaExtractor.fromFields(StructuredAudience.fromJson(audience));
    } else if (audience.isTextual() && !audience.asText().isBlank()) {
      String text = audience.asText();
      format = AudienceFormat.detect(text);
      criteria = criteria(format, text, "input." + field);
    } else {
      throw StepFailure.permanent("INVALID_INPUT", "input.text: " + describe(audience)
          + " (expected: an audience description such as \"CTOs of fintech startups in Berlin\","
          + " as text, JSON, CSV or form-encoded; input.audience is accepted too)");
    }
    ArrayNode segments = SegmentPlanner.plan(criteria);
    ObjectNode output = Json.NODES.objectNode();
    output.put("format", format.jsonName());
    output.set("criteria", criteria.toJson());
    output.set("segments", segments);
    output.put("truncated", SegmentPlanner.uncappedCount(criteria) > segments.size());
    return output;
  }

  private static AudienceCriteria criteria(AudienceFormat format, String text, String field)
      throws StepFailure {
    List<AudienceField> fields = switch (format) {
      case JSON -> StructuredAudience.fromJsonText(text, field);
      case CSV -> StructuredAudience.fromCsv(text, field);
      case FORM -> StructuredAudience.fromForm(text, field);
      case NATURAL -> null;
    };
    return fields == null ? CriteriaExtractor.fromText(text) : CriteriaExtractor.fromFields(fields);
  }

  private static String describe(JsonNode value) {
    if (value.isMissingNode()) {
      return "missing";
    }
    if (value.isTextual()) {
      return "blank";
    }
    return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
  }
}
