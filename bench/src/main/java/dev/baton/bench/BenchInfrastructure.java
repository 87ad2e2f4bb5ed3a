package dev.baton.bench;

import dev.baton.common.config.PostgresConfig;
import dev.baton.common.config.RedisConfig;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the benchmark runs: the PostgreSQL and Redis of this machine when they answer (a fresh
 * database {@code baton_bench_<id>} and key prefix {@code bench-<id>}, both removed afterwards),
 * else the embedded ones of the local platform. Which one was used is part of the report.
 */
final class BenchInfrastructure {
  private static final String HOST = "127.0.0.1";
  private static final int PG_PORT = 5432;
  private static final int REDIS_PORT = 6379;

  private final String runId;
  private final boolean realPostgres;
  private final boolean realRedis;

  private BenchInfrastructure(String runId, boolean realPostgres, boolean realRedis) {
    this.runId = runId;
    this.realPostgres = realPostgres;
    this.realRedis = realRedis;
  }

  static BenchInfrastructure detect(String runId) {
    Objects.requireNonNull(runId, "runId");
    return new BenchInfrastructure(runId, reachable(PG_PORT), reachable(REDIS_PORT));
  }

  String database() {
    return "baton_bench_" + runId;
  }

  String redisPrefix() {
    return "bench-" + runId;
  }

  /** Platform variables that point at the chosen infrastructure; creates the database on a real server. */
  Map<String, String> prepare() {
    Map<String, String> env = new HashMap<>();
    if (realPostgres) {
      createDatabase();
      env.put("BATON_PG_HOST", HOST);
      env.put("BATON_PG_PORT", Integer.toString(PG_PORT));
      env.put("BATON_PG_DATABASE", database());
      env.put("BATON_PG_USER", "postgres");
    } else {
      env.put("BATON_DEV_EPHEMERAL", "true");
    }
    if (realRedis) {
      env.put("BATON_REDIS_URI", "redis://" + HOST + ":" + REDIS_PORT);
    }
    env.put("BATON_REDIS_PREFIX", redisPrefix());
    return env;
  }

  /**
   * {@link #prepare()} plus what every benchmark's platform runs with: each service on a free port
   * and no example workflows. The caller adds its own settings to the returned mutable map.
   */
  Map<String, String> platformEnv() {
    Map<String, String> env = prepare();
    env.putAll(Map.of(
        "BATON_ORCHESTRATOR_PORT", "0", "BATON_PROGRESS_PORT", "0", "BATON_ANALYTICS_PORT", "0",
        "BATON_EXECUTOR_PORT", "0", "BATON_LEAD_PROVIDER_PORT", "0", "BATON_LEAD_PROVIDER_BACKUP_PORT", "0",
        "BATON_DEV_EXAMPLES", "false"));
    // the figures measure the engine, comparable across sessions: tracing (spans exported to an
    // analytics-svc writing to the same PostgreSQL) is measured only when asked for
    String traces = System.getenv("OTEL_TRACES_EXPORTER");
    env.put("OTEL_TRACES_EXPORTER", traces == null || traces.isBlank() ? "none" : traces);
    return env;
  }

  String describePostgres() {
    return realPostgres
        ? "machine server " + HOST + ":" + PG_PORT + ", fresh database " + database()
        : "EMBEDDED (nothing answered on " + HOST + ":" + PG_PORT + "); results are not comparable to the targets";
  }

  String describeRedis() {
    return realRedis
        ? "machine server " + HOST + ":" + REDIS_PORT + ", fresh key prefix " + redisPrefix()
        : "EMBEDDED (nothing answered on " + HOST + ":" + REDIS_PORT + ")";
  }

  /** Drops the database and deletes the prefix's keys on the machine's servers; embedded ones go away with the platform. */
  void cleanUp(RedisConfig redis) {
    if (realPostgres) {
      try (var c = DriverManager.getConnection(server().jdbcUrl(), "postgres", "")) {
        c.createStatement().execute("DROP DATABASE IF EXISTS \"" + database() + "\" WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("bench: could not drop database " + database() + " (drop it by hand): " + e.getMessage());
      }
    }
    if (realRedis) {
      deleteKeys(redis);
    }
  }

  private void deleteKeys(RedisConfig redis) {
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      ScanArgs matching = ScanArgs.Builder.matches(redisPrefix() + ":*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = connection.sync().scan(cursor, matching);
        if (!page.getKeys().isEmpty()) {
          connection.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } catch (RuntimeException e) {
      System.err.println("bench: could not delete Redis keys " + redisPrefix() + ":* (delete them by hand): " + e);
    } finally {
      client.shutdown();
    }
  }

  private void createDatabase() {
    try (var c = DriverManager.getConnection(server().jdbcUrl(), "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE \"" + database() + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database() + ": " + e.getMessage(), e);
    }
  }

  private static PostgresConfig server() {
    return new PostgresConfig(HOST, PG_PORT, "postgres", "postgres", "", 1);
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
