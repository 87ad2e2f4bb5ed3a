package dev.baton.analytics;

import dev.baton.common.config.PostgresConfig;
import dev.baton.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh database for one test class ({@link TestPostgres}: this machine's PostgreSQL, else an
 * embedded one), seen as analytics-svc's configuration; dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
  private static final int POOL_SIZE = 4;

  private final TestPostgres.Database database;
  private final PostgresConfig config;

  private TestDatabase(TestPostgres.Database database) {
    this.database = database;
    TestPostgres.Server server = database.server();
    this.config = new PostgresConfig(server.host(), server.port(), database.name(), server.user(), server.password(),
        POOL_SIZE);
  }

  public static TestDatabase create() {
    return new TestDatabase(TestPostgres.createDatabase("baton_analytics"));
  }

  public PostgresConfig config() {
    return config;
  }

  /** The database as the test kit sees it (e.g. to count the sessions left on it). */
  public TestPostgres.Database database() {
    return database;
  }

  public Connection connect() throws SQLException {
    return database.connect();
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
    database.close();
  }
}
