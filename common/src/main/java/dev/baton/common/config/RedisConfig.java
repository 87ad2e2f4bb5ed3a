package dev.baton.common.config;

/**
 * Where Redis is. Variables: BATON_REDIS_URI (redis://127.0.0.1:6379), BATON_REDIS_PREFIX
 * (baton): every key Baton writes starts with the prefix, so several stacks can share a server.
 */
public record RedisConfig(String uri, String keyPrefix) {

  public static RedisConfig from(Env env) {
    return new RedisConfig(
        env.string("BATON_REDIS_URI", "redis://127.0.0.1:6379"),
        env.string("BATON_REDIS_PREFIX", "baton"));
  }

  /**
   * The stream the orchestrator publishes every committed batch of execution events to
   * ({@code baton.internal.v1.EventBatch} in field {@value #EVENT_FIELD}); progress-svc replicas each read all of it.
   */
  public String eventStream() {
    return keyPrefix + ":events";
  }

  public static final String EVENT_FIELD = "batch";

  /** The stream that holds the tasks of one task queue. */
  public String taskStream(String taskQueue) {
    return keyPrefix + ":tasks:" + taskQueue;
  }

  /**
   * The hash of one provider's circuit breaker, written by executors (atomically, by Lua scripts),
   * read by the orchestrator's CircuitService. Fields: state (CLOSED, OPEN, HALF_OPEN), open_until,
   * probe_until, opened_at (epoch ms), times_opened, failures, threshold, window_ms, open_ms, last_error.
   */
  public String circuitKey(String tenantId, String provider) {
    return keyPrefix + ":circuit:" + tenantId + ":" + provider;
  }

  /** The provider faults inside a breaker's sliding window: a sorted set scored by time (epoch ms). */
  public String circuitFailuresKey(String tenantId, String provider) {
    return circuitKey(tenantId, provider) + ":failures";
  }

  /** The set of provider names that have a breaker in one tenant. */
  public String circuitIndexKey(String tenantId) {
    return keyPrefix + ":circuits:" + tenantId;
  }

  /**
   * A stream entry per breaker that opened (fields tenant, provider, opened_at, open_until, failures,
   * last_error): how the orchestrator learns of openings it notifies admins about.
   */
  public String circuitOpeningsStream() {
    return keyPrefix + ":circuit-openings";
  }
}
