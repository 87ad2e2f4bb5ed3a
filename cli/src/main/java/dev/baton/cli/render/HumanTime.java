package dev.baton.cli.render;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Timestamps and durations as people read them in a terminal: local time, no millis, "1.2s", "3m04s". */
public final class HumanTime {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
  private static final String NONE = "-";

  private final Clock clock;

  public HumanTime(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** Local ISO date-time without millis, e.g. "2025-03-01T14:03:09"; "-" when unset. */
  public String timestamp(Timestamp ts) {
    if (isUnset(ts)) {
      return NONE;
    }
    return LocalDateTime.ofInstant(toInstant(ts), clock.getZone()).truncatedTo(ChronoUnit.SECONDS).format(LOCAL);
  }

  /** From start to end, or to now while still running; "-" when it has not started. */
  public String elapsed(Timestamp start, Timestamp end) {
    if (isUnset(start)) {
      return NONE;
    }
    Instant until = isUnset(end) ? clock.instant() : toInstant(end);
    return duration(Duration.between(toInstant(start), until));
  }

  /** "850ms", "1.2s", "3m04s", "2h05m", "3d04h". */
  public static String duration(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
  }

  private static boolean isUnset(Timestamp ts) {
    return ts == null || (ts.getSeconds() == 0 && ts.getNanos() == 0);
  }

  private static Instant toInstant(Timestamp ts) {
    return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
  }
}
