package dev.baton.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressConfigTest {

  @Test
  void slowWatchersHaveABufferOf256AndAreEndedAfterAMinuteByDefault() {
    ProgressConfig config = ProgressConfig.from(new Env(Map.of()));
    assertThat(config.watcherBuffer()).isEqualTo(256);
    assertThat(config.slowWatcherTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theSlowWatcherTimeoutIsSetInTheDurationNotation() {
    assertThat(ProgressConfig.from(new Env(Map.of("BATON_PROGRESS_SLOW_WATCHER_TIMEOUT", "90s"))).slowWatcherTimeout())
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aZeroSlowWatcherTimeoutIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> ProgressConfig.from(new Env(Map.of("BATON_PROGRESS_SLOW_WATCHER_TIMEOUT", "0s"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_PROGRESS_SLOW_WATCHER_TIMEOUT: ");
  }

  @Test
  void eventLogReadsLeaveTwoConnectionsOfThePoolToTheOtherReadsButAlwaysRunOne() {
    assertThat(ProgressServer.logReadsAtOnce(ProgressConfig.from(new Env(Map.of())))).isEqualTo(14);
    assertThat(ProgressServer.logReadsAtOnce(ProgressConfig.from(new Env(Map.of("BATON_PG_POOL_SIZE", "2")))))
        .isEqualTo(1);
  }
}
