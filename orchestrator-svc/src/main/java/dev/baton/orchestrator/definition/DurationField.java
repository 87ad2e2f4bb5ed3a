package dev.baton.orchestrator.definition;

import dev.baton.common.time.DurationParser;
import java.time.Duration;
import java.util.Optional;

/** Reads a duration field of a definition ("500ms", "30s", "2m"), reporting a bad one under its path. */
final class DurationField {
  private DurationField() {}

  /** Empty when the field is unset ("") or invalid (then a violation is recorded). */
  static Optional<Duration> read(String text, String path, Violations violations) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DurationParser.parse(text));
    } catch (IllegalArgumentException e) {
      violations.add(path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Like {@link #read} but a zero duration is a violation too. */
  static Optional<Duration> readPositive(String text, String path, Violations violations) {
    Optional<Duration> duration = read(text, path, violations);
    if (duration.isPresent() && (duration.get().isZero() || duration.get().isNegative())) {
      violations.add(path, "'" + text + "' (expected: > 0)");
      return Optional.empty();
    }
    return duration;
  }
}
