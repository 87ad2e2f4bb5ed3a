package dev.baton.executor;

import dev.baton.common.config.ConfigException;
import dev.baton.sdk.client.BatonCredentials;
import dev.baton.common.config.Env;
import dev.baton.common.config.RedisConfig;
import dev.baton.common.server.ServerConfig;
import dev.baton.common.telemetry.TelemetryConfig;
import dev.baton.executor.circuit.CircuitSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Settings of one executor process, read once from the environment. Defaults live here only.
 *
 * <ul>
 *   <li>BATON_EXECUTOR_ID (host name + random suffix): identifies this process to the orchestrator
 *   <li>BATON_ORCHESTRATOR_TARGET (localhost:7233): gRPC target of the orchestrator
 *   <li>BATON_TASK_QUEUES (default): comma-separated task queues to consume
 *   <li>BATON_EXECUTOR_CONCURRENCY (16): attempts run at the same time
 *   <li>BATON_EXECUTOR_HEARTBEAT_INTERVAL (5s): how often leases of running tasks are renewed
 *   <li>BATON_EXECUTOR_SHUTDOWN_GRACE (30s): how long a graceful stop waits for running tasks
 *   <li>BATON_EXECUTOR_HOST / BATON_EXECUTOR_PORT (0.0.0.0 / 7236): health endpoints
 *   <li>BATON_REDIS_URI, BATON_REDIS_PREFIX: see {@link RedisConfig}
 *   <li>BATON_API_KEY (required): the executor key it calls the orchestrator with
 *   <li>OTEL_* (service name executor-svc): traces, see {@link TelemetryConfig}
 *   <li>BATON_CIRCUIT_FAILURE_THRESHOLD (5), BATON_CIRCUIT_WINDOW (30s), BATON_CIRCUIT_OPEN_DURATION (30s):
 *       the providers' circuit breakers, see {@link CircuitSettings}
 * </ul>
 */
public record ExecutorConfig(
    String executorId,
    String orchestratorTarget,
    BatonCredentials credentials,
    List<String> taskQueues,
    int concurrency,
    Duration heartbeatInterval,
    Duration shutdownGrace,
    ServerConfig server,
    RedisConfig redis,
    TelemetryConfig telemetry,
    CircuitSettings circuits) {

  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public ExecutorConfig {
    requireText(executorId, "BATON_EXECUTOR_ID");
    requireText(orchestratorTarget, "BATON_ORCHESTRATOR_TARGET");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(taskQueues, "taskQueues");
    taskQueues = List.copyOf(taskQueues);
    if (taskQueues.isEmpty()) {
      throw new ConfigException("BATON_TASK_QUEUES: empty (expected: a comma-separated list of queue names)");
    }
    for (String queue : taskQueues) {
      if (!QUEUE_NAME.matcher(queue).matches()) {
        throw new ConfigException("BATON_TASK_QUEUES: '" + queue
            + "' (expected: letters, digits, '.', '_' or '-', at most 100)");
      }
    }
    if (concurrency < 1) {
      throw new ConfigException("BATON_EXECUTOR_CONCURRENCY: " + concurrency + " (expected: >= 1)");
    }
    if (heartbeatInterval == null || heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new ConfigException("BATON_EXECUTOR_HEARTBEAT_INTERVAL: " + heartbeatInterval + " (expected: > 0)");
    }
    if (shutdownGrace == null || shutdownGrace.isNegative()) {
      throw new ConfigException("BATON_EXECUTOR_SHUTDOWN_GRACE: " + shutdownGrace + " (expected: >= 0)");
    }
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(circuits, "circuits");
  }

  public static ExecutorConfig from(Env env) {
    List<String> queues = Arrays.stream(env.string("BATON_TASK_QUEUES", "default").split(","))
        .map(String::trim)
        .toList();
    return new ExecutorConfig(
        env.string("BATON_EXECUTOR_ID", defaultExecutorId()),
        env.string("BATON_ORCHESTRATOR_TARGET", "localhost:7233"),
        apiKey(env),
        queues,
        env.integer("BATON_EXECUTOR_CONCURRENCY", 16, 1, 10_000),
        env.duration("BATON_EXECUTOR_HEARTBEAT_INTERVAL", Duration.ofSeconds(5)),
        env.duration("BATON_EXECUTOR_SHUTDOWN_GRACE", Duration.ofSeconds(30)),
        ServerConfig.from(env, "BATON_EXECUTOR", 7236),
        RedisConfig.from(env),
        TelemetryConfig.from(env, "executor-svc"),
        CircuitSettings.from(env));
  }

  /** BATON_API_KEY: an executor key, without which the orchestrator refuses every call. */
  private static BatonCredentials apiKey(Env env) {
    String key = env.string("BATON_API_KEY", "");
    if (key.isEmpty()) {
      throw new ConfigException("BATON_API_KEY: empty (expected: an executor API key; "
          + "`baton keys create --role executor --name NAME` makes one)");
    }
    return BatonCredentials.apiKey(key);
  }

  private static String defaultExecutorId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "executor";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void requireText(String value, String variable) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(variable + ": empty (expected: a non-empty value)");
    }
  }
}
