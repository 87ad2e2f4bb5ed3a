package dev.baton.analytics.store;

import dev.baton.common.config.PostgresConfig;
import org.flywaydb.core.Flyway;

/**
 * Brings analytics-svc's tables up to date. They live in the PostgreSQL schema {@value #SCHEMA}
 * with their own migration history, so analytics-svc may share a database with the orchestrator
 * (as in the dev launcher) without either touching the other's tables.
 */
public final class AnalyticsSchema {
  public static final String SCHEMA = "analytics";

  private AnalyticsSchema() {}

  public static void migrate(PostgresConfig config) {
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .locations("classpath:db/analytics")
        .load()
        .migrate();
  }
}
