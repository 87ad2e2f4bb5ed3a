package dev.baton.cli.failure;

/**
 * A failure the user can act on, whose message is printed as is after "baton: ".
 * The root of this module's exceptions; {@code dev.baton.cli.ErrorReporter} is the one place that renders them.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
