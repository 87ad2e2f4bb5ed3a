package dev.baton.orchestrator.definition;

/**
 * A CEL expression that does not compile (the message carries {@code line:column} of the problem),
 * or that failed while evaluating (missing map key, wrong operand types, non-bool condition, ...).
 */
public final class ExpressionException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }

  public ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
