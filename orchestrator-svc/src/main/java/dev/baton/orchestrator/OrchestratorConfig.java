package dev.baton.orchestrator;

import dev.baton.common.config.Env;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.config.RedisConfig;
import dev.baton.common.server.ServerConfig;
import dev.baton.common.telemetry.TelemetryConfig;
import dev.baton.orchestrator.notify.NotificationConfig;
import java.time.Duration;

/**
 * Settings of the orchestrator, all from environment variables (defaults in brackets):
 * BATON_ORCHESTRATOR_PORT [7233], BATON_PG_* and BATON_REDIS_* (see {@link PostgresConfig},
 * {@link RedisConfig}), BATON_TASK_LEASE [30s] (a task not heartbeated for this long is queued
 * again), BATON_MAX_DELIVERIES [5] (lapsed leases before an attempt fails with EXECUTOR_LOST),
 * BATON_TIMER_POLL_INTERVAL [100ms] (how often due retries and lapsed leases are looked for),
 * BATON_MAX_INPUT_BYTES [1048576] (largest execution input), BATON_EVENT_STREAM_MAX_LENGTH [10000]
 * (event batches kept on the Redis fan-out stream; older ones are read back from PostgreSQL),
 * OTEL_* (service name orchestrator-svc; see {@link TelemetryConfig}), BATON_NOTIFY_* (admin
 * notifications, see {@link NotificationConfig}).
 */
public record OrchestratorConfig(
    ServerConfig server, PostgresConfig postgres, RedisConfig redis, Duration taskLease, int maxDeliveries,
    Duration timerPollInterval, int maxInputBytes, int eventStreamMaxLength, TelemetryConfig telemetry,
    NotificationConfig notifications, java.nio.file.Path bootstrapAdminKeyFile) {

  public static final int DEFAULT_PORT = 7233;

  public static OrchestratorConfig from(Env env) {
    return new OrchestratorConfig(
        ServerConfig.from(env, "BATON_ORCHESTRATOR", DEFAULT_PORT),
        PostgresConfig.from(env),
        RedisConfig.from(env),
        env.duration("BATON_TASK_LEASE", Duration.ofSeconds(30)),
        env.integer("BATON_MAX_DELIVERIES", 5, 1, 1000),
        env.duration("BATON_TIMER_POLL_INTERVAL", Duration.ofMillis(100)),
        env.integer("BATON_MAX_INPUT_BYTES", 1024 * 1024, 2, 64 * 1024 * 1024),
        env.integer("BATON_EVENT_STREAM_MAX_LENGTH", 10_000, 100, 10_000_000),
        TelemetryConfig.from(env, "orchestrator-svc"),
        NotificationConfig.from(env),
        bootstrapFile(env));
  }

  /** BATON_BOOTSTRAP_ADMIN_KEY_FILE [none]: where the first platform admin key is written (PlatformAdminBootstrap). */
  private static java.nio.file.Path bootstrapFile(Env env) {
    String file = env.string("BATON_BOOTSTRAP_ADMIN_KEY_FILE", "");
    return file.isEmpty() ? null : java.nio.file.Path.of(file);
  }
}
