package dev.baton.common.config;

import dev.baton.common.time.DurationParser;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Reads typed settings from an environment map, failing with a message that names the variable.
 * Services build their configuration records from it once, at start-up.
 */
public final class Env {
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(Objects.requireNonNull(vars, "vars"));
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  /** Every variable whose name starts with {@code prefix} (e.g. "OTEL_"), for libraries that read their own settings. */
  public Map<String, String> startingWith(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    vars.forEach((name, value) -> {
      if (name.startsWith(prefix) && value != null && !value.isBlank()) {
        out.put(name, value.trim());
      }
    });
    return out;
  }

  public String string(String name, String defaultValue) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String raw = vars.get(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + ": '" + raw + "' (expected: an integer)");
    }
    if (value < min || value > max) {
      throw new ConfigException(name + ": " + value + " (expected: " + min + ".." + max + ")");
    }
    return value;
  }

  public Duration duration(String name, Duration defaultValue) {
    String raw = vars.get(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      return DurationParser.parse(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    String raw = vars.get(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    return switch (raw.trim().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(name + ": '" + raw + "' (expected: true or false)");
    };
  }
}
