package dev.baton.analytics.report;

import com.google.protobuf.Duration;
import dev.baton.analytics.error.AnalyticsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The window of a report and the one before it. Rollup buckets are whole minutes of the
 * executions' end, so the window starts at the minute boundary at or before {@code now - length}
 * and runs to now; the previous window has the same length and ends where this one starts.
 */
record ReportWindow(Instant previousStart, Instant start, Instant end) {
  static final java.time.Duration DEFAULT = java.time.Duration.ofHours(1);
  static final java.time.Duration MIN = java.time.Duration.ofMinutes(1);
  static final java.time.Duration MAX = java.time.Duration.ofDays(30);

  /** @throws AnalyticsException (INVALID_REQUEST) naming the field when the length is out of range */
  static ReportWindow of(Duration requested, boolean present, Instant now) {
    java.time.Duration length = present
        ? java.time.Duration.ofSeconds(requested.getSeconds(), requested.getNanos()) : DEFAULT;
    if (length.compareTo(MIN) < 0 || length.compareTo(MAX) > 0) {
      throw AnalyticsException.invalidRequest("window: " + length.toString().substring(2).toLowerCase()
          + " (expected: between 1m and 30d)");
    }
    Instant start = now.minus(length).truncatedTo(ChronoUnit.MINUTES);
    java.time.Duration covered = java.time.Duration.between(start, now);
    return new ReportWindow(start.minus(covered), start, now);
  }
}
