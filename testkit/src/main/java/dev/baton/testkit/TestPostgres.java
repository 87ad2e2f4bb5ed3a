package dev.baton.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server integration tests use, and fresh databases on it. It is the one at
 * BATON_TEST_PG_HOST:BATON_TEST_PG_PORT [127.0.0.1:5432] (user postgres, trust) when it answers,
 * else an embedded one (zonky) started once for this JVM. Each test class takes a database of its
 * own with {@link #createDatabase} and drops it when done.
 */
public final class TestPostgres {
  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
  private static final String USER = "postgres";
  private static Server server;

  private TestPostgres() {}

  /** Where the server is; starts the embedded one on first use when no server answers. */
  public static synchronized Server server() {
    if (server == null) {
      String host = Servers.setting("BATON_TEST_PG_HOST").orElse("127.0.0.1");
      int port = Servers.setting("BATON_TEST_PG_PORT").map(Integer::parseInt).orElse(5432);
      server = Servers.answers(host, port) ? new Server(host, port, USER, "") : startEmbedded(host, port);
    }
    return server;
  }

  private static Server startEmbedded(String host, int port) {
    log.info("no PostgreSQL answers on {}:{}; starting an embedded one for the tests of this JVM", host, port);
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Servers.stopAtExit("postgres", () -> {
        try {
          embedded.close();
        } catch (IOException e) {
          log.warn("the embedded PostgreSQL did not stop: {}", e.toString());
        }
      });
      return new Server("127.0.0.1", embedded.getPort(), USER, "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** A new, empty database named {@code prefix_<random>}; close it to drop it. */
  public static Database createDatabase(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    Server on = server();
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    on.execute("CREATE DATABASE \"" + name + "\"");
    return new Database(on, name);
  }

  /** A PostgreSQL server that lets the tests in. */
  public record Server(String host, int port, String user, String password) {
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Runs one statement on the server's maintenance database (create, drop). */
    void execute(String sql) {
      try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
        c.createStatement().execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + " on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }
  }

  /** A database of one test class. Closing drops it, ending whatever still connects to it. */
  public static final class Database implements AutoCloseable {
    private final Server server;
    private final String name;

    private Database(Server server, String name) {
      this.server = server;
      this.name = name;
    }

    public Server server() {
      return server;
    }

    public String name() {
      return name;
    }

    public String jdbcUrl() {
      return server.jdbcUrl(name);
    }

    /** What points a Baton service at this database: BATON_PG_HOST, _PORT, _DATABASE, _USER, _PASSWORD. */
    public Map<String, String> env() {
      return Map.of("BATON_PG_HOST", server.host(), "BATON_PG_PORT", Integer.toString(server.port()),
          "BATON_PG_DATABASE", name, "BATON_PG_USER", server.user(), "BATON_PG_PASSWORD", server.password());
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
    }

    /** Sessions connected to this database now (what a component that was closed must not leave). */
    public long sessions() {
      try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
          var query = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
        query.setString(1, name);
        try (var rs = query.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("counting the sessions of " + name + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      server.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }
  }
}
