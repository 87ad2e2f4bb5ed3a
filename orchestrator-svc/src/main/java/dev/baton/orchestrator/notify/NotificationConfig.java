package dev.baton.orchestrator.notify;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import dev.baton.common.webhook.WebhookRetryPolicy;
import java.time.Duration;

/**
 * Delivery of admin notifications, from the environment: BATON_NOTIFY_POLL_INTERVAL [500ms] (how
 * often new notifications and due retries are looked for), BATON_NOTIFY_MAX_ATTEMPTS [10] (then the
 * delivery is FAILED), BATON_NOTIFY_INITIAL_BACKOFF [1s] and BATON_NOTIFY_MAX_BACKOFF [5m] (the delay
 * after the n-th failed attempt is min(initial * 2^(n-1), max)), BATON_NOTIFY_TIMEOUT [10s] (one POST),
 * BATON_NOTIFY_RETENTION [7d] (how long a notification whose deliveries are all done, and their log,
 * is kept) and BATON_NOTIFY_CLEANUP_INTERVAL [1h] (how often older ones are deleted).
 */
public record NotificationConfig(Duration pollInterval, WebhookRetryPolicy retry, Duration timeout,
    Duration retention, Duration cleanupInterval) {

  public static NotificationConfig from(Env env) {
    return new NotificationConfig(
        positive(env, "BATON_NOTIFY_POLL_INTERVAL", Duration.ofMillis(500)),
        new WebhookRetryPolicy(env.integer("BATON_NOTIFY_MAX_ATTEMPTS", 10, 1, 1000),
            positive(env, "BATON_NOTIFY_INITIAL_BACKOFF", Duration.ofSeconds(1)),
            positive(env, "BATON_NOTIFY_MAX_BACKOFF", Duration.ofMinutes(5))),
        positive(env, "BATON_NOTIFY_TIMEOUT", Duration.ofSeconds(10)),
        positive(env, "BATON_NOTIFY_RETENTION", Duration.ofDays(7)),
        positive(env, "BATON_NOTIFY_CLEANUP_INTERVAL", Duration.ofHours(1)));
  }

  private static Duration positive(Env env, String name, Duration fallback) {
    Duration value = env.duration(name, fallback);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(name + ": " + value + " (expected: > 0)");
    }
    return value;
  }
}
