package dev.baton.dev;

import dev.baton.common.config.PostgresConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a {@link LocalPlatform} for one test class against the PostgreSQL and Redis of this
 * machine when they run (a fresh database and key prefix per stack), else embedded ones.
 * Leases and polls are short so fault tests recover in seconds. {@code BATON_TEST_REDIS_URI}
 * points the tests at another Redis (some of them FLUSHALL it).
 */
final class TestStack {
  private TestStack() {}

  static LocalPlatform start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    String id = UUID.randomUUID().toString().substring(0, 8);
    env.put("BATON_ORCHESTRATOR_PORT", "0");
    env.put("BATON_PROGRESS_PORT", "0");
    env.put("BATON_ANALYTICS_PORT", "0");
    env.put("BATON_EXECUTOR_PORT", "0");
    env.put("BATON_LEAD_PROVIDER_PORT", "0");
    env.put("BATON_LEAD_PROVIDER_BACKUP_PORT", "0");
    env.put("BATON_DEV_EPHEMERAL", "true");
    env.put("BATON_TASK_LEASE", "3s");
    env.put("BATON_EXECUTOR_HEARTBEAT_INTERVAL", "500ms");
    env.put("BATON_TIMER_POLL_INTERVAL", "50ms");
    env.put("BATON_EXECUTOR_SHUTDOWN_GRACE", "5s");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200"); // spans reach analytics-svc within a fraction of a second
    if (reachable(5432)) {
      PostgresConfig server = new PostgresConfig("127.0.0.1", 5432, "postgres", "postgres", "", 8);
      String database = "baton_it_" + id;
      LocalPostgres.createDatabase(server, database);
      env.put("BATON_PG_HOST", "127.0.0.1");
      env.put("BATON_PG_PORT", "5432");
      env.put("BATON_PG_DATABASE", database);
      env.put("BATON_PG_USER", "postgres");
    }
    String testRedis = System.getenv("BATON_TEST_REDIS_URI");
    if (testRedis != null && !testRedis.isBlank()) {
      // lets a developer keep ITs that FLUSHALL (FaultsIT, ProgressResumeIT) off a shared Redis
      env.put("BATON_REDIS_URI", testRedis);
    } else if (reachable(6379)) {
      env.put("BATON_REDIS_URI", "redis://127.0.0.1:6379");
    }
    env.put("BATON_REDIS_PREFIX", "it-" + id);
    env.putAll(overrides);
    LocalPlatform platform = LocalPlatform.start(env);
    if (env.containsKey("BATON_PG_DATABASE") && env.get("BATON_PG_DATABASE").startsWith("baton_it_")) {
      PostgresConfig pg = platform.postgres();
      platform.whenClosed(() -> LocalPostgres.dropDatabase(pg, pg.database()));
    }
    return platform;
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
