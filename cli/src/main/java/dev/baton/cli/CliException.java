package dev.baton.cli;

/**
 * A failure the user can act on, whose message is printed as is after "baton: ".
 * The root of this module's exceptions; {@link ErrorReporter} is the one place that renders them.
 */
class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
