package dev.baton.examples.provider;

import io.vertx.core.json.JsonObject;

/**
 * How the provider misbehaves on {@code POST /v1/leads/search}: every request waits
 * {@code latencyMs}; then the next {@code failNext} requests fail, and after those each fails
 * with probability {@code failureRate}. A failure answers {@code status} with a JSON error.
 */
public record Faults(double failureRate, long latencyMs, int failNext, int status) {
  public static final int DEFAULT_STATUS = 503;

  /** A provider that always answers, at once. */
  public static final Faults NONE = new Faults(0, 0, 0, DEFAULT_STATUS);

  public Faults {
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("failureRate: " + failureRate + " (expected: 0..1)");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs: " + latencyMs + " (expected: >= 0)");
    }
    if (failNext < 0) {
      throw new IllegalArgumentException("failNext: " + failNext + " (expected: >= 0)");
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: an HTTP error status 400..599)");
    }
  }

  public static Faults failNext(int count, int status) {
    return new Faults(0, 0, count, status);
  }

  public static Faults latency(long latencyMs) {
    return new Faults(0, latencyMs, 0, DEFAULT_STATUS);
  }

  /** Reads {@code {"failureRate", "latencyMs", "failNext", "status"}}; absent fields take NONE's values. */
  static Faults fromJson(JsonObject json) {
    return new Faults(
        number(json, "failureRate", NONE.failureRate()).doubleValue(),
        number(json, "latencyMs", NONE.latencyMs()).longValue(),
        number(json, "failNext", NONE.failNext()).intValue(),
        number(json, "status", NONE.status()).intValue());
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("failureRate", failureRate)
        .put("latencyMs", latencyMs)
        .put("failNext", failNext)
        .put("status", status);
  }

  private static Number number(JsonObject json, String field, Number defaultValue) {
    Object value = json.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(field + ": " + value + " (expected: a number)");
  }
}
