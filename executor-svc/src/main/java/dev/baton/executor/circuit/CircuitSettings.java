package dev.baton.executor.circuit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import dev.baton.common.time.DurationParser;
import java.time.Duration;

/**
 * When a breaker opens and for how long: after {@code failureThreshold} provider faults within
 * {@code window}, for {@code openDuration}. Executor-wide defaults come from BATON_CIRCUIT_FAILURE_THRESHOLD
 * [5], BATON_CIRCUIT_WINDOW [30s] and BATON_CIRCUIT_OPEN_DURATION [30s]; a step overrides them for its
 * provider with {@code config.circuit: {failureThreshold, window, openDuration}}. Steps sharing a
 * provider should agree: each call runs with its own step's settings.
 */
public record CircuitSettings(int failureThreshold, Duration window, Duration openDuration) {
  static final int MAX_THRESHOLD = 100_000;

  public CircuitSettings {
    if (failureThreshold < 1 || failureThreshold > MAX_THRESHOLD) {
      throw new IllegalArgumentException("failureThreshold: " + failureThreshold + " (expected: 1.." + MAX_THRESHOLD + ")");
    }
    requirePositive(window, "window");
    requirePositive(openDuration, "openDuration");
  }

  public static CircuitSettings from(Env env) {
    int threshold = env.integer("BATON_CIRCUIT_FAILURE_THRESHOLD", 5, 1, MAX_THRESHOLD);
    Duration window = env.duration("BATON_CIRCUIT_WINDOW", Duration.ofSeconds(30));
    Duration open = env.duration("BATON_CIRCUIT_OPEN_DURATION", Duration.ofSeconds(30));
    if (window.isZero() || window.isNegative()) {
      throw new ConfigException("BATON_CIRCUIT_WINDOW: " + window + " (expected: > 0)");
    }
    if (open.isZero() || open.isNegative()) {
      throw new ConfigException("BATON_CIRCUIT_OPEN_DURATION: " + open + " (expected: > 0)");
    }
    return new CircuitSettings(threshold, window, open);
  }

  /**
   * These settings with a step's {@code config.circuit} applied.
   *
   * @throws IllegalArgumentException naming the field ({@code config.circuit.window: ...}) when malformed
   */
  public CircuitSettings overriddenBy(JsonNode circuit) {
    if (circuit.isMissingNode() || circuit.isNull()) {
      return this;
    }
    if (!circuit.isObject()) {
      throw new IllegalArgumentException("config.circuit: " + circuit
          + " (expected: an object {failureThreshold, window, openDuration})");
    }
    var names = circuit.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("failureThreshold") && !name.equals("window") && !name.equals("openDuration")) {
        throw new IllegalArgumentException("config.circuit." + name
            + ": unknown field (expected: failureThreshold, window, openDuration)");
      }
    }
    int threshold = failureThreshold;
    JsonNode t = circuit.path("failureThreshold");
    if (!t.isMissingNode()) {
      if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 1 || t.asInt() > MAX_THRESHOLD) {
        throw new IllegalArgumentException("config.circuit.failureThreshold: " + t
            + " (expected: an integer 1.." + MAX_THRESHOLD + ")");
      }
      threshold = t.asInt();
    }
    return new CircuitSettings(threshold, duration(circuit.path("window"), "window", window),
        duration(circuit.path("openDuration"), "openDuration", openDuration));
  }

  private static Duration duration(JsonNode value, String field, Duration fallback) {
    if (value.isMissingNode()) {
      return fallback;
    }
    try {
      Duration parsed = DurationParser.parse(value.asText());
      requirePositive(parsed, field);
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config.circuit." + field + ": " + value
          + " (expected: a duration > 0 like \"30s\")", e);
    }
  }

  private static void requirePositive(Duration value, String field) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: > 0)");
    }
  }

  @Override
  public String toString() {
    return failureThreshold + " faults in " + DurationParser.format(window) + ", open for "
        + DurationParser.format(openDuration);
  }
}
