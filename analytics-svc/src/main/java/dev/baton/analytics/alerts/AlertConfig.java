package dev.baton.analytics.alerts;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import dev.baton.common.webhook.WebhookRetryPolicy;
import java.time.Duration;

/**
 * Alert settings (defaults in brackets): BATON_ALERT_EVAL_INTERVAL [10s] (how often rules are
 * evaluated and webhooks sent), BATON_ALERT_WATCH_POLL_INTERVAL [250ms] (how soon a WatchAlerts
 * stream sees a new event), BATON_ALERT_WEBHOOK_TIMEOUT [5s] (one POST), BATON_ALERT_WEBHOOK_MAX_ATTEMPTS
 * [10] (then the delivery is FAILED; retries back off 1s, 2s, 4s ... up to 5m),
 * BATON_ALERT_WEBHOOK_RETENTION [7d] (how long a delivered or failed webhook delivery is kept, counted
 * from its event) and BATON_ALERT_CLEANUP_INTERVAL [1h] (how often older ones are deleted).
 */
public record AlertConfig(Duration evalInterval, Duration watchPollInterval, Duration webhookTimeout,
    int webhookMaxAttempts, Duration webhookRetention, Duration cleanupInterval) {
  public static final AlertConfig DEFAULTS = new AlertConfig(Duration.ofSeconds(10), Duration.ofMillis(250),
      Duration.ofSeconds(5), 10, Duration.ofDays(7), Duration.ofHours(1));
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  public AlertConfig {
    positive("BATON_ALERT_EVAL_INTERVAL", evalInterval);
    positive("BATON_ALERT_WATCH_POLL_INTERVAL", watchPollInterval);
    positive("BATON_ALERT_WEBHOOK_TIMEOUT", webhookTimeout);
    if (webhookMaxAttempts < 1) {
      throw new ConfigException("BATON_ALERT_WEBHOOK_MAX_ATTEMPTS: " + webhookMaxAttempts + " (expected: >= 1)");
    }
    positive("BATON_ALERT_WEBHOOK_RETENTION", webhookRetention);
    positive("BATON_ALERT_CLEANUP_INTERVAL", cleanupInterval);
  }

  public static AlertConfig from(Env env) {
    return new AlertConfig(
        env.duration("BATON_ALERT_EVAL_INTERVAL", DEFAULTS.evalInterval()),
        env.duration("BATON_ALERT_WATCH_POLL_INTERVAL", DEFAULTS.watchPollInterval()),
        env.duration("BATON_ALERT_WEBHOOK_TIMEOUT", DEFAULTS.webhookTimeout()),
        env.integer("BATON_ALERT_WEBHOOK_MAX_ATTEMPTS", DEFAULTS.webhookMaxAttempts(), 1, 1000),
        env.duration("BATON_ALERT_WEBHOOK_RETENTION", DEFAULTS.webhookRetention()),
        env.duration("BATON_ALERT_CLEANUP_INTERVAL", DEFAULTS.cleanupInterval()));
  }

  /** Attempts up to the maximum, backing off 1s, 2s, 4s ... up to 5m. */
  WebhookRetryPolicy webhookRetry() {
    return new WebhookRetryPolicy(webhookMaxAttempts, INITIAL_BACKOFF, MAX_BACKOFF);
  }

  private static void positive(String variable, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException(variable + ": " + d + " (expected: > 0)");
    }
  }
}
