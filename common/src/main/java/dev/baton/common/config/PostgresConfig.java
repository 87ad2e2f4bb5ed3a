package dev.baton.common.config;

/**
 * Where the PostgreSQL database is. Variables: BATON_PG_HOST (127.0.0.1), BATON_PG_PORT (5432),
 * BATON_PG_DATABASE (baton), BATON_PG_USER (postgres), BATON_PG_PASSWORD (empty),
 * BATON_PG_POOL_SIZE (16).
 */
public record PostgresConfig(String host, int port, String database, String user, String password, int poolSize) {

  public static PostgresConfig from(Env env) {
    return new PostgresConfig(
        env.string("BATON_PG_HOST", "127.0.0.1"),
        env.integer("BATON_PG_PORT", 5432, 1, 65535),
        env.string("BATON_PG_DATABASE", "baton"),
        env.string("BATON_PG_USER", "postgres"),
        env.string("BATON_PG_PASSWORD", ""),
        env.integer("BATON_PG_POOL_SIZE", 16, 1, 1000));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PostgresConfig withDatabase(String otherDatabase) {
    return new PostgresConfig(host, port, otherDatabase, user, password, poolSize);
  }

  public PostgresConfig withPoolSize(int size) {
    return new PostgresConfig(host, port, database, user, password, size);
  }
}
