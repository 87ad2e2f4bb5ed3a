package dev.baton.common.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a webhook is attempted: after the n-th failed attempt it waits
 * {@code min(initialBackoff * 2^(n-1), maxBackoff)}; after {@code maxAttempts} failed attempts it is
 * given up (FAILED). The services validate their settings with the variables' names before building one.
 */
public record WebhookRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  public WebhookRetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 1)");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.isNegative() || maxBackoff.isZero()) {
      throw new IllegalArgumentException("backoff: " + initialBackoff + ", " + maxBackoff + " (expected: > 0)");
    }
  }

  /** The wait after the {@code attempts}-th failed attempt (1-based). */
  public Duration backoff(int attempts) {
    Duration delay = initialBackoff;
    for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  /** Whether a delivery whose {@code attempts}-th attempt failed is given up. */
  public boolean givesUpAfter(int attempts) {
    return attempts >= maxAttempts;
  }
}
