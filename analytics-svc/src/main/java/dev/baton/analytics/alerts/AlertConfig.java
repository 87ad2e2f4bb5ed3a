package dev.baton.analytics.alerts;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;

/**
 * Alert settings (defaults in brackets): BATON_ALERT_EVAL_INTERVAL [10s] (how often rules are
 * evaluated and webhooks sent), BATON_ALERT_WATCH_POLL_INTERVAL [250ms] (how soon a WatchAlerts
 * stream sees a new event), BATON_ALERT_WEBHOOK_TIMEOUT [5s] (one POST), BATON_ALERT_WEBHOOK_MAX_ATTEMPTS
 * [10] (then the delivery is FAILED; retries back off 1s, 2s, 4s ... up to 5m).
 */
public record AlertConfig(Duration evalInterval, Duration watchPollInterval, Duration webhookTimeout,
    int webhookMaxAttempts) {
  public static final AlertConfig DEFAULTS = new AlertConfig(Duration.ofSeconds(10), Duration.ofMillis(250),
      Duration.ofSeconds(5), 10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  public AlertConfig {
    positive("BATON_ALERT_EVAL_INTERVAL", evalInterval);
    positive("BATON_ALERT_WATCH_POLL_INTERVAL", watchPollInterval);
    positive("BATON_ALERT_WEBHOOK_TIMEOUT", webhookTimeout);
    if (webhookMaxAttempts < 1) {
      throw new ConfigException("BATON_ALERT_WEBHOOK_MAX_ATTEMPTS: " + webhookMaxAttempts + " (expected: >= 1)");
    }
  }

  public static AlertConfig from(Env env) {
    return new AlertConfig(
        env.duration("BATON_ALERT_EVAL_INTERVAL", DEFAULTS.evalInterval()),
        env.duration("BATON_ALERT_WATCH_POLL_INTERVAL", DEFAULTS.watchPollInterval()),
        env.duration("BATON_ALERT_WEBHOOK_TIMEOUT", DEFAULTS.webhookTimeout()),
        env.integer("BATON_ALERT_WEBHOOK_MAX_ATTEMPTS", DEFAULTS.webhookMaxAttempts(), 1, 1000));
  }

  /** Wait after the given failed attempt (1-based). */
  Duration backoff(int attempts) {
    long seconds = 1L << Math.min(attempts - 1, 20);
    Duration d = Duration.ofSeconds(seconds);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static void positive(String variable, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigException(variable + ": " + d + " (expected: > 0)");
    }
  }
}
