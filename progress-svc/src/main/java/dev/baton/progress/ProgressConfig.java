package dev.baton.progress;

import dev.baton.common.config.Env;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.config.RedisConfig;
import dev.baton.common.server.ServerConfig;
import dev.baton.progress.dashboard.DashboardConfig;
import java.time.Duration;

/**
 * Settings of progress-svc, all from environment variables (defaults in brackets):
 * BATON_PROGRESS_PORT [7234] (gRPC, gRPC-Web and HTTP), BATON_PG_* and BATON_REDIS_* (see
 * {@link PostgresConfig}, {@link RedisConfig}; the same database and key prefix as the
 * orchestrator), BATON_PROGRESS_SWEEP_INTERVAL [1s] (how often tracked unfinished executions are
 * compared with the event log to read back events the Redis fan-out lost),
 * BATON_PROGRESS_WATCHER_BUFFER [256] (updates a WatchExecution stream may have waiting for its
 * client; a live stream with a full buffer goes on through the paced catch-up),
 * BATON_PROGRESS_SLOW_WATCHER_TIMEOUT [60s] (a stream whose client takes no update for this long
 * while updates wait ends with RESOURCE_EXHAUSTED), BATON_PROGRESS_LIST_INTERVAL [200ms] (how often a
 * WatchExecutions stream sends its coalesced changes), BATON_PROGRESS_ETA_RUNS [20] (earlier
 * successful runs an ETA rests on), BATON_PROGRESS_ETA_CACHE [5s] (how long their step durations
 * are cached per workflow version), BATON_PROGRESS_CORS_ORIGINS [none] (see {@link ServerConfig}), and the
 * dashboard's settings (see {@link DashboardConfig}).
 */
public record ProgressConfig(
    ServerConfig server, PostgresConfig postgres, RedisConfig redis, Duration sweepInterval, int watcherBuffer,
    Duration slowWatcherTimeout, Duration listInterval, int etaRuns, Duration etaCache, DashboardConfig dashboard) {

  public static final int DEFAULT_PORT = 7234;

  public static ProgressConfig from(Env env) {
    return new ProgressConfig(
        ServerConfig.from(env, "BATON_PROGRESS", DEFAULT_PORT),
        PostgresConfig.from(env),
        RedisConfig.from(env),
        positive(env, "BATON_PROGRESS_SWEEP_INTERVAL", Duration.ofSeconds(1)),
        env.integer("BATON_PROGRESS_WATCHER_BUFFER", 256, 1, 1_000_000),
        positive(env, "BATON_PROGRESS_SLOW_WATCHER_TIMEOUT", Duration.ofSeconds(60)),
        positive(env, "BATON_PROGRESS_LIST_INTERVAL", Duration.ofMillis(200)),
        env.integer("BATON_PROGRESS_ETA_RUNS", 20, 1, 1000),
        positive(env, "BATON_PROGRESS_ETA_CACHE", Duration.ofSeconds(5)),
        DashboardConfig.from(env));
  }

  private static Duration positive(Env env, String name, Duration defaultValue) {
    Duration value = env.duration(name, defaultValue);
    if (value.toMillis() < 1) {
      throw new dev.baton.common.config.ConfigException(name + ": " + value + " (expected: at least 1ms)");
    }
    return value;
  }
}
