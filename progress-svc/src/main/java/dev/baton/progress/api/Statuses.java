package dev.baton.progress.api;

import dev.baton.progress.error.ProgressException;
import io.grpc.Status;

/** The one mapping of progress-svc's errors to gRPC statuses. */
final class Statuses {
  private Statuses() {}

  static Status of(Throwable error) {
    if (error instanceof ProgressException.InvalidRequest) {
      return Status.INVALID_ARGUMENT.withDescription(error.getMessage());
    }
    if (error instanceof ProgressException.UnknownExecution) {
      return Status.NOT_FOUND.withDescription(error.getMessage());
    }
    return Status.UNAVAILABLE.withDescription("progress-svc could not read the execution log: " + error.getMessage())
        .withCause(error);
  }
}
