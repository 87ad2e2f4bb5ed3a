package dev.baton.analytics;

import dev.baton.analytics.alerts.AlertConfig;
import dev.baton.analytics.rollup.RollupConfig;
import dev.baton.common.config.Env;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.server.ServerConfig;

/**
 * Settings of analytics-svc, from environment variables (defaults in brackets):
 * BATON_ANALYTICS_HOST [0.0.0.0], BATON_ANALYTICS_PORT [7235] (OTLP/gRPC receiver, health
 * endpoints), BATON_MAX_MESSAGE_BYTES [4194304] (largest export request), BATON_PG_* (see
 * {@link PostgresConfig}; its tables live in the schema {@code analytics}), BATON_ANALYTICS_ROLLUP_* and
 * BATON_ANALYTICS_*_RETENTION (see {@link RollupConfig}), BATON_ALERT_* (see {@link AlertConfig}).
 */
public record AnalyticsConfig(ServerConfig server, PostgresConfig postgres, RollupConfig rollup, AlertConfig alerts) {
  public static final int DEFAULT_PORT = 7235;

  /** With the default alert settings. */
  public AnalyticsConfig(ServerConfig server, PostgresConfig postgres, RollupConfig rollup) {
    this(server, postgres, rollup, AlertConfig.DEFAULTS);
  }

  public static AnalyticsConfig from(Env env) {
    return new AnalyticsConfig(ServerConfig.from(env, "BATON_ANALYTICS", DEFAULT_PORT), PostgresConfig.from(env),
        RollupConfig.from(env), AlertConfig.from(env));
  }
}
