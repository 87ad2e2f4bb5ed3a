package dev.baton.sdk.handler;

import java.util.Objects;

/** A typed failure of a step attempt. Retry policies match on {@link #code()}. */
public class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final boolean retryable;

  public StepFailure(String code, String message, boolean retryable) {
    this(code, message, retryable, null);
  }

  public StepFailure(String code, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
  }

  /** A failure a later attempt may not hit (provider down, timeout, 5xx). */
  public static StepFailure retryable(String code, String message) {
    return new StepFailure(code, message, true);
  }

  /** A failure no retry can fix (bad input, 4xx); fails the step at once. */
  public static StepFailure permanent(String code, String message) {
    return new StepFailure(code, message, false);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
