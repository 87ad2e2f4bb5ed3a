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

  /** The stream that holds the tasks of one task queue. */
  /**
   * The stream the orchestrator publishes every committed batch of execution events to
   * ({@code baton.v1.EventBatch} in field {@value #EVENT_FIELD}); progress-svc replicas each read all of it.
   */
  public String eventStream() {
    return keyPrefix + ":events";
  }

  public static final String EVENT_FIELD = "batch";

  public String taskStream(String taskQueue) {
    return keyPrefix + ":tasks:" + taskQueue;
  }
}
