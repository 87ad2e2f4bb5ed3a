package dev.baton.cli.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as written in definitions ("500ms", "30s", "10m", "1h30m"), or whole days ("90d"), for options like {@code --timeout}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d = t.matches("\\d+ms") ? Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)))
          : t.matches("\\d{1,5}d") ? Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))
          : Duration.parse("PT" + t); // the JDK parser accepts "10m", "1h30m", "1.5s" once prefixed
      if (d.isNegative() || d.isZero() || !t.matches("[0-9hmsd.]+")) {
        throw invalid(text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw invalid(text);
    }
  }

  private static TypeConversionException invalid(String text) {
    return new TypeConversionException("'" + text + "' (expected: a duration like 500ms, 30s, 10m, 1h, 90d)");
  }
}
