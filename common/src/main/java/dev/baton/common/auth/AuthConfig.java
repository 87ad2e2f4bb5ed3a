package dev.baton.common.auth;

import dev.baton.common.config.Env;
import java.time.Duration;

/**
 * Authentication settings every service reads: BATON_AUTH_REFRESH_INTERVAL [1s] (how often a
 * replica checks for new, rotated or revoked keys: the longest a revoked key still works there),
 * BATON_METRICS_REQUIRE_KEY [false] (whether GET /metrics needs a key), BATON_AUDIT_RETENTION [365d].
 */
public record AuthConfig(Duration refreshInterval, boolean metricsRequireKey, Duration auditRetention) {
  public static AuthConfig from(Env env) {
    Duration refresh = env.duration("BATON_AUTH_REFRESH_INTERVAL", Duration.ofSeconds(1));
    if (refresh.compareTo(Duration.ofMillis(100)) < 0 || refresh.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new dev.baton.common.config.ConfigException("BATON_AUTH_REFRESH_INTERVAL: " + refresh
          + " (expected: 100ms..1m)");
    }
    Duration retention = env.duration("BATON_AUDIT_RETENTION", Duration.ofDays(365));
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new dev.baton.common.config.ConfigException("BATON_AUDIT_RETENTION: " + retention + " (expected: >= 1d)");
    }
    return new AuthConfig(refresh, env.bool("BATON_METRICS_REQUIRE_KEY", false), retention);
  }
}
