package dev.baton.analytics.error;

import java.util.Objects;

/**
 * Root of analytics-svc's own errors: what a caller did wrong, said in words meant for it. Mapped
 * to a gRPC status in one place ({@link Statuses}), which every edge (AnalyticsService,
 * AlertService, the OTLP/gRPC and OTLP/HTTP receivers) uses.
 */
public final class AnalyticsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What the caller did wrong. */
  public enum Kind {
    /** A request (or a span in it) breaks a rule; the message names the field and what was expected. */
    INVALID_REQUEST,
    /** The caller's tenant has no such thing (e.g. an alert rule); the message names it. */
    NOT_FOUND,
    /** A request above a size limit; the message names the limit and its setting. */
    TOO_LARGE
  }

  private final Kind kind;

  private AnalyticsException(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public static AnalyticsException invalidRequest(String message) {
    return new AnalyticsException(Kind.INVALID_REQUEST, message);
  }

  public static AnalyticsException notFound(String message) {
    return new AnalyticsException(Kind.NOT_FOUND, message);
  }

  public static AnalyticsException tooLarge(String message) {
    return new AnalyticsException(Kind.TOO_LARGE, message);
  }

  public Kind kind() {
    return kind;
  }
}
