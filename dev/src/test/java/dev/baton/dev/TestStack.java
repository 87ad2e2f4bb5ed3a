package dev.baton.dev;

import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.TestRedis;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a {@link LocalPlatform} for one test class on a fresh database and key prefix of the
 * test kit's PostgreSQL and Redis ({@link TestPostgres}, {@link TestRedis}: this machine's when they
 * answer, else embedded ones). Leases and polls are short so fault tests recover in seconds.
 * {@code BATON_TEST_REDIS_URI} points the tests at another Redis (some of them FLUSHALL it).
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
    TestPostgres.Database database = TestPostgres.createDatabase("baton_it");
    env.putAll(database.env());
    env.putAll(TestRedis.env("it-" + id));
    env.putAll(overrides);
    LocalPlatform platform;
    try {
      platform = LocalPlatform.start(env);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    platform.whenClosed(database::close);
    return platform;
  }
}
