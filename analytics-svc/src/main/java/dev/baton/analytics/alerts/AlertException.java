package dev.baton.analytics.alerts;

import io.grpc.Status;

/** A request the alert API refuses; {@link AlertApi} turns it into a gRPC status with this message. */
final class AlertException extends RuntimeException {
  private final Status.Code code;

  private AlertException(Status.Code code, String message) {
    super(message);
    this.code = code;
  }

  static AlertException invalid(String message) {
    return new AlertException(Status.Code.INVALID_ARGUMENT, message);
  }

  static AlertException notFound(String message) {
    return new AlertException(Status.Code.NOT_FOUND, message);
  }

  Status.Code code() {
    return code;
  }
}
