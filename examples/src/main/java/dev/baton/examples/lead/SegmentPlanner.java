package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.common.json.Json;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Splits criteria into segments, the unit one lead search covers: the cartesian product
 * roles x industries x locations, roles varying slowest, in the criteria's order. An empty axis
 * contributes one null ("any"). Without a role or an industry there is nothing to search for,
 * so there are no segments. At most {@link #MAX_SEGMENTS}; the rest are dropped.
 */
final class SegmentPlanner {
  static final int MAX_SEGMENTS = 20;

  private SegmentPlanner() {}

  static ArrayNode plan(AudienceCriteria criteria) {
    ArrayNode segments = Json.NODES.arrayNode();
    if (criteria.roles().isEmpty() && criteria.industries().isEmpty()) {
      return segments;
    }
    for (String role : orAny(criteria.roles())) {
      for (String industry : orAny(criteria.industries())) {
        for (String location : orAny(criteria.locations())) {
          if (segments.size() == MAX_SEGMENTS) {
            return segments;
          }
          segments.add(segment(role, industry, location));
        }
      }
    }
    return segments;
  }

  /** How many segments the criteria span before the cap. */
  static int uncappedCount(AudienceCriteria criteria) {
    if (criteria.roles().isEmpty() && criteria.industries().isEmpty()) {
      return 0;
    }
    return orAny(criteria.roles()).size() * orAny(criteria.industries()).size()
        * orAny(criteria.locations()).size();
  }

  private static ObjectNode segment(String role, String industry, String location) {
    ObjectNode segment = Json.NODES.objectNode();
    segment.put("id", id(role, industry, location));
    segment.put("role", role);
    segment.put("industry", industry);
    segment.put("location", location);
    return segment;
  }

  /** Readable and stable across runs, e.g. "cto-fintech-berlin", "any-saas-london". */
  private static String id(String... parts) {
    return Arrays.stream(parts)
        .map(part -> part == null ? "any" : slug(part))
        .collect(Collectors.joining("-"));
  }

  private static String slug(String text) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return slug.isEmpty() ? "x" : slug;
  }

  private static List<String> orAny(List<String> values) {
    return values.isEmpty() ? Collections.singletonList(null) : values;
  }
}
