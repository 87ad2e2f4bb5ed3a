package dev.baton.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {
  private final WebhookRetryPolicy policy = new WebhookRetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5));

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void itGivesUpAfterTheMaximumAttempts() {
    assertThat(policy.givesUpAfter(3)).isFalse();
    assertThat(policy.givesUpAfter(4)).isTrue();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new WebhookRetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(5)))
        .hasMessage("maxAttempts: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new WebhookRetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5)))
        .hasMessageStartingWith("backoff: ");
  }
}
