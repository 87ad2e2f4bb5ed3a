package dev.baton.cli.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHintTest {

  @Test
  void aSecretIsShownOnlyAsAHint() {
    assertThat(SecretHint.of("0123456789abcdef0123456789abcdef-xyz9")).isEqualTo("37 characters ending 'xyz9'");
    assertThat(SecretHint.of("short-secret")).isEqualTo("12 characters");
  }
}
