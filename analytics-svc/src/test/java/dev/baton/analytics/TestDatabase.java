package dev.baton.analytics;

import dev.baton.common.config.PostgresConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh database on this machine's PostgreSQL (127.0.0.1:5432) for one test class, dropped after. */
public final class TestDatabase implements AutoCloseable {
  private static final PostgresConfig SERVER = new PostgresConfig("127.0.0.1", 5432, "postgres", "postgres", "", 4);

  private final PostgresConfig config;

  private TestDatabase(PostgresConfig config) {
    this.config = config;
  }

  public static TestDatabase create() {
    String name = "baton_analytics_" + UUID.randomUUID().toString().substring(0, 8);
    run(SERVER, "CREATE DATABASE " + name);
    return new TestDatabase(SERVER.withDatabase(name));
  }

  public PostgresConfig config() {
    return config;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
  }

  /** The single number a query such as {@code SELECT count(*) ...} answers. */
  public long count(String sql) throws SQLException {
    try (Connection c = connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    run(SERVER, "DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
  }

  private static void run(PostgresConfig on, String sql) {
    try (Connection c = DriverManager.getConnection(on.jdbcUrl(), on.user(), on.password())) {
      c.createStatement().execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
