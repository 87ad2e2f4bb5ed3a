package dev.baton.orchestrator.store;

import dev.baton.common.config.PostgresConfig;
import org.flywaydb.core.Flyway;

/** Brings the database schema up to date with Flyway (safe with several replicas starting at once). */
public final class Schema {
  private Schema() {}

  public static void migrate(PostgresConfig config) {
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
