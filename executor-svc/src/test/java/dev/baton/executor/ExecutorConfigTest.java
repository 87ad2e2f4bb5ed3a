package dev.baton.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import dev.baton.common.auth.KeySecret;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorConfigTest {
  private static final String API_KEY = KeySecret.generate().text();

  /** {@code variables} plus the one variable without a default, BATON_API_KEY. */
  private static ExecutorConfig config(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(Map.of("BATON_API_KEY", API_KEY));
    env.putAll(variables);
    return ExecutorConfig.from(new Env(env));
  }

  @Test
  void defaults() {
    ExecutorConfig config = config(Map.of());

    assertThat(config.executorId()).isNotBlank();
    assertThat(config.orchestratorTarget()).isEqualTo("localhost:7233");
    assertThat(config.taskQueues()).containsExactly("default");
    assertThat(config.concurrency()).isEqualTo(16);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.server().port()).isEqualTo(7236);
  }

  @Test
  void twoExecutorsGetDifferentDefaultIds() {
    assertThat(config(Map.of()).executorId())
        .isNotEqualTo(config(Map.of()).executorId());
  }

  @Test
  void readsQueueList() {
    ExecutorConfig config = config(Map.of("BATON_TASK_QUEUES", "leads, email"));

    assertThat(config.taskQueues()).containsExactly("leads", "email");
  }

  @Test
  void badQueueNameNamesTheVariable() {
    assertThatThrownBy(() -> config(Map.of("BATON_TASK_QUEUES", "leads,,email")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_TASK_QUEUES: ''");
  }

  @Test
  void badConcurrencyNamesTheVariable() {
    assertThatThrownBy(() -> config(Map.of("BATON_EXECUTOR_CONCURRENCY", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_CONCURRENCY: 0");
  }

  @Test
  void zeroHeartbeatIntervalNamesTheVariable() {
    assertThatThrownBy(() -> config(Map.of("BATON_EXECUTOR_HEARTBEAT_INTERVAL", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_HEARTBEAT_INTERVAL:");
  }

  @Test
  void malformedGraceNamesTheVariable() {
    assertThatThrownBy(() -> config(Map.of("BATON_EXECUTOR_SHUTDOWN_GRACE", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_SHUTDOWN_GRACE: 'soon'");
  }

  @Test
  void missingApiKeyNamesTheVariable() {
    // without it every call to the orchestrator would be refused: fail at start-up, not at the first task
    assertThatThrownBy(() -> ExecutorConfig.from(new Env(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_API_KEY: empty");
  }

  @Test
  void blankApiKeyNamesTheVariable() {
    assertThatThrownBy(() -> config(Map.of("BATON_API_KEY", "  ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_API_KEY: empty");
  }

  @Test
  void readsTheApiKeyWithoutPrintingIt() {
    ExecutorConfig config = config(Map.of());

    assertThat(config.credentials().keyId()).isEqualTo(KeySecret.parse(API_KEY).orElseThrow().id());
    assertThat(config.toString()).doesNotContain(API_KEY);
  }
}
