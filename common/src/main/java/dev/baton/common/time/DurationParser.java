package dev.baton.common.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write in definitions and settings: "250ms", "1.5s", "2m", "1h", "1m30s". */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private DurationParser() {}

  /**
   * @throws IllegalArgumentException with a message like {@code '5x' (expected: a duration like 500ms, 10s, 2m)}
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text);
    }
    Matcher m = PART.matcher(text.trim());
    int end = 0;
    double millis = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw invalid(text);
      }
      double amount = Double.parseDouble(m.group(1));
      millis += amount * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1_000;
        case "m" -> 60_000;
        case "h" -> 3_600_000;
        default -> 86_400_000;
      };
      end = m.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw invalid(text);
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** Formats a duration in the same notation, for messages and tables. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' (expected: a duration like 500ms, 10s, 2m, 1h)");
  }
}
