package dev.baton.sdk.handler;

import java.util.Objects;

/**
 * A typed failure of a step attempt. Retry policies match on {@link #code()}.
 *
 * <p>A failure is a <em>provider fault</em> when the external system the step calls (its
 * {@link StepContext#provider()}) is to blame: unreachable, timing out, answering 5xx. Only
 * provider faults count towards that provider's circuit breaker; a handler's own errors and
 * rejected input do not, so a bug in one workflow cannot cut every workflow off a healthy provider.
 */
public class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final boolean retryable;
  private final boolean providerFault;

  public StepFailure(String code, String message, boolean retryable) {
    this(code, message, retryable, null);
  }

  public StepFailure(String code, String message, boolean retryable, Throwable cause) {
    this(code, message, retryable, false, cause);
  }

  /**
   * @param providerFault true when the step's provider is to blame (counts towards its circuit breaker)
   */
  public StepFailure(String code, String message, boolean retryable, boolean providerFault, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.retryable = retryable;
    this.providerFault = providerFault;
  }

  /** A failure a later attempt may not hit (provider down, timeout, 5xx). */
  public static StepFailure retryable(String code, String message) {
    return new StepFailure(code, message, true);
  }

  /**
   * A retryable failure the step's provider is to blame for (down, timing out, 5xx); it counts
   * towards the provider's circuit breaker.
   */
  public static StepFailure providerFault(String code, String message) {
    return new StepFailure(code, message, true, true, null);
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

  /** True when the step's provider is to blame; see the class comment. */
  public boolean providerFault() {
    return providerFault;
  }
}
