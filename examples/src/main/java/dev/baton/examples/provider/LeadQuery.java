package dev.baton.examples.provider;

import io.vertx.core.json.JsonObject;

/** The body of {@code POST /v1/leads/search}: whom to look for. Role or industry is required. */
record LeadQuery(String role, String industry, String location, int limit) {
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 100;

  /** @throws IllegalArgumentException naming the offending field; the server answers 400 with it */
  static LeadQuery fromJson(JsonObject json) {
    if (json == null) {
      throw new IllegalArgumentException("body: missing (expected: a JSON object {role, industry, location, limit})");
    }
    String role = text(json, "role");
    String industry = text(json, "industry");
    if (role == null && industry == null) {
      throw new IllegalArgumentException("role, industry: both missing (expected: at least one of them)");
    }
    Object limit = json.getValue("limit");
    int parsedLimit = DEFAULT_LIMIT;
    if (limit != null) {
      if (!(limit instanceof Number n) || n.intValue() < 1 || n.intValue() > MAX_LIMIT) {
        throw new IllegalArgumentException("limit: " + limit + " (expected: an integer 1.." + MAX_LIMIT + ")");
      }
      parsedLimit = n.intValue();
    }
    return new LeadQuery(role, industry, text(json, "location"), parsedLimit);
  }

  private static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: a string)");
    }
    return s.isBlank() ? null : s.trim();
  }
}
