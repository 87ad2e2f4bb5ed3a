package dev.baton.analytics.report;

/** A report request the caller must fix; its message names the field (INVALID_ARGUMENT at the edge). */
final class InvalidReportRequest extends RuntimeException {
  InvalidReportRequest(String message) {
    super(message);
  }
}
