package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how patiently a broken watch stream is reconnected: up to {@code maxAttempts}
 * times in a row without an update in between, waiting {@code initialBackoff}, then twice as long
 * each time, at most {@code maxBackoff}.
 */
public record ReconnectPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  /** About ten seconds of trying: rides out a progress-svc restart, gives up on one that is gone. */
  public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(3));

  public ReconnectPolicy {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 0)");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff: " + initialBackoff + ".." + maxBackoff
          + " (expected: 0 <= initialBackoff <= maxBackoff)");
    }
  }

  /** The wait before reconnect number {@code attempt} (1-based). */
  Duration backoff(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) <= 0 ? wait : maxBackoff;
  }
}
