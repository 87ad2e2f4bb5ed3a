package dev.baton.common.auth;

import dev.baton.common.config.PostgresConfig;
import org.flywaydb.core.Flyway;

/**
 * Creates and migrates schema auth. Every service that verifies keys runs it at start-up, so any of
 * them may start first; its own history table keeps it apart from the services' migrations, and
 * Flyway's lock makes replicas starting at once safe.
 */
public final class AuthSchema {
  private AuthSchema() {}

  public static void migrate(PostgresConfig config) {
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas("auth")
        .table("flyway_auth_history")
        .locations("classpath:db/auth")
        .load()
        .migrate();
  }
}
