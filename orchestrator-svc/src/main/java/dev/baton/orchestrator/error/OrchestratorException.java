package dev.baton.orchestrator.error;

import io.grpc.Status;

/**
 * The one exception root of the orchestrator: a failure the caller caused or must know about,
 * with the gRPC status it maps to at the API edge. The message names the field at fault.
 */
public class OrchestratorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;

  public OrchestratorException(Status.Code code, String message) {
    super(message);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }

  public static OrchestratorException invalid(String message) {
    return new OrchestratorException(Status.Code.INVALID_ARGUMENT, message);
  }

  public static OrchestratorException notFound(String message) {
    return new OrchestratorException(Status.Code.NOT_FOUND, message);
  }

  public static OrchestratorException tooLarge(String message) {
    return new OrchestratorException(Status.Code.RESOURCE_EXHAUSTED, message);
  }

  public static OrchestratorException precondition(String message) {
    return new OrchestratorException(Status.Code.FAILED_PRECONDITION, message);
  }

  public static OrchestratorException permissionDenied(String message) {
    return new OrchestratorException(Status.Code.PERMISSION_DENIED, message);
  }
}
