package dev.baton.orchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationConfigTest {

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
    NotificationConfig config = NotificationConfig.from(new Env(Map.of(
        "BATON_NOTIFY_INITIAL_BACKOFF", "1s", "BATON_NOTIFY_MAX_BACKOFF", "5s")));

    assertThat(config.retry().backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retry().backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.retry().backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.retry().backoff(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.retry().backoff(1000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void defaultsAndANonPositiveDurationNamingItsVariable() {
    NotificationConfig defaults = NotificationConfig.from(new Env(Map.of()));
    assertThat(defaults.retry().maxAttempts()).isEqualTo(10);
    assertThat(defaults.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.cleanupInterval()).isEqualTo(Duration.ofHours(1));

    assertThatThrownBy(() -> NotificationConfig.from(new Env(Map.of("BATON_NOTIFY_TIMEOUT", "0s"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_NOTIFY_TIMEOUT: ");
    assertThatThrownBy(() -> NotificationConfig.from(new Env(Map.of("BATON_NOTIFY_RETENTION", "a week"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_NOTIFY_RETENTION: 'a week'");
  }
}
