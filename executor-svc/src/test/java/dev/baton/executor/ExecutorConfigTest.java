package dev.baton.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorConfigTest {

  @Test
  void defaults() {
    ExecutorConfig config = ExecutorConfig.from(new Env(Map.of()));

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
    assertThat(ExecutorConfig.from(new Env(Map.of())).executorId())
        .isNotEqualTo(ExecutorConfig.from(new Env(Map.of())).executorId());
  }

  @Test
  void readsQueueList() {
    ExecutorConfig config = ExecutorConfig.from(new Env(Map.of("BATON_TASK_QUEUES", "leads, email")));

    assertThat(config.taskQueues()).containsExactly("leads", "email");
  }

  @Test
  void badQueueNameNamesTheVariable() {
    assertThatThrownBy(() -> ExecutorConfig.from(new Env(Map.of("BATON_TASK_QUEUES", "leads,,email"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_TASK_QUEUES: ''");
  }

  @Test
  void badConcurrencyNamesTheVariable() {
    assertThatThrownBy(() -> ExecutorConfig.from(new Env(Map.of("BATON_EXECUTOR_CONCURRENCY", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_CONCURRENCY: 0");
  }

  @Test
  void zeroHeartbeatIntervalNamesTheVariable() {
    assertThatThrownBy(() -> ExecutorConfig.from(new Env(Map.of("BATON_EXECUTOR_HEARTBEAT_INTERVAL", "0s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_HEARTBEAT_INTERVAL:");
  }

  @Test
  void malformedGraceNamesTheVariable() {
    assertThatThrownBy(() -> ExecutorConfig.from(new Env(Map.of("BATON_EXECUTOR_SHUTDOWN_GRACE", "soon"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_EXECUTOR_SHUTDOWN_GRACE: 'soon'");
  }
}
