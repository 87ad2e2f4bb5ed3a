package dev.baton.progress.error;

/** Root of progress-svc's errors; mapped to a gRPC status in one place (api.Statuses). */
public abstract class ProgressException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ProgressException(String message) {
    super(message);
  }

  /** A request field is malformed or out of range; the message names the field. */
  public static final class InvalidRequest extends ProgressException {
    private static final long serialVersionUID = 1L;

    public InvalidRequest(String message) {
      super(message);
    }
  }

  /** No such execution for the caller's tenant. */
  public static final class UnknownExecution extends ProgressException {
    private static final long serialVersionUID = 1L;

    public UnknownExecution(String message) {
      super(message);
    }
  }
}
