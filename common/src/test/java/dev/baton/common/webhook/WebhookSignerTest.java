package dev.baton.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void signsTimestampDotBodyWithHmacSha256AsLowerCaseHex() {
    // computed independently: python3 hmac.new(secret, b'1700000000.{"kind":"EXECUTION_FAILED"}', sha256)
    assertThat(WebhookSigner.sign(SECRET, 1_700_000_000L, "{\"kind\":\"EXECUTION_FAILED\"}"))
        .isEqualTo("sha256=a7395ffab996ca8423ef32ac9cd13fc8e29a35a81bbb3612b0142904cfb15f62");
  }

  @Test
  void theTimestampIsPartOfWhatIsSignedSoAReplayWithAFreshTimestampDoesNotVerify() {
    assertThat(WebhookSigner.sign(SECRET, 1_700_000_001L, "{\"kind\":\"EXECUTION_FAILED\"}"))
        .isNotEqualTo(WebhookSigner.sign(SECRET, 1_700_000_000L, "{\"kind\":\"EXECUTION_FAILED\"}"));
  }
}
