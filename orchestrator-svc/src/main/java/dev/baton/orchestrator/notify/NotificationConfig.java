package dev.baton.orchestrator.notify;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;

/**
 * Delivery of admin notifications, from the environment: BATON_NOTIFY_POLL_INTERVAL [500ms] (how
 * often new notifications and due retries are looked for), BATON_NOTIFY_MAX_ATTEMPTS [10] (then the
 * delivery is FAILED), BATON_NOTIFY_INITIAL_BACKOFF [1s] and BATON_NOTIFY_MAX_BACKOFF [5m] (the delay
 * after the n-th failed attempt is min(initial * 2^(n-1), max)), BATON_NOTIFY_TIMEOUT [10s] (one POST).
 */
public record NotificationConfig(Duration pollInterval, int maxAttempts, Duration initialBackoff,
    Duration maxBackoff, Duration timeout) {

  public static NotificationConfig from(Env env) {
    return new NotificationConfig(
        positive(env, "BATON_NOTIFY_POLL_INTERVAL", Duration.ofMillis(500)),
        env.integer("BATON_NOTIFY_MAX_ATTEMPTS", 10, 1, 1000),
        positive(env, "BATON_NOTIFY_INITIAL_BACKOFF", Duration.ofSeconds(1)),
        positive(env, "BATON_NOTIFY_MAX_BACKOFF", Duration.ofMinutes(5)),
        positive(env, "BATON_NOTIFY_TIMEOUT", Duration.ofSeconds(10)));
  }

  /** The delay after the {@code attempts}-th failed attempt. */
  Duration backoff(int attempts) {
    Duration delay = initialBackoff;
    for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  private static Duration positive(Env env, String name, Duration fallback) {
    Duration value = env.duration(name, fallback);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(name + ": " + value + " (expected: > 0)");
    }
    return value;
  }
}
