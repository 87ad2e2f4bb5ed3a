package dev.baton.analytics.alerts;

/**
 * A rule's metric over its window: the value (percent), the samples it is based on, and whether
 * the dependency's latest calls all failed (the consecutive-failures condition).
 */
record Measurement(double value, long samples, boolean failedInARow) {
  static Measurement of(double value, long samples) {
    return new Measurement(value, samples, false);
  }
}
