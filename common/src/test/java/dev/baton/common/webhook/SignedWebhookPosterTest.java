package dev.baton.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignedWebhookPosterTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final SignedWebhookPoster poster = SignedWebhookPoster.create(Duration.ofSeconds(5),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTwoHundredSomethingDeliversAndTheRequestIsSignedJsonWithItsOwnHeaders() {
    try (Receiver receiver = new Receiver(() -> 204, "")) {
      WebhookOutcome outcome = await(poster.post(new SignedWebhook(receiver.url(), SECRET, "{\"id\":7}",
          Map.of("X-Baton-Notification-Id", "7"))));

      assertThat(outcome).isEqualTo(new WebhookOutcome(true, 204, null));
      Receiver.Request request = receiver.requests().get(0);
      assertThat(request.body()).isEqualTo("{\"id\":7}");
      assertThat(request.headers()).containsEntry("content-type", "application/json")
          .containsEntry("X-Baton-Timestamp", Long.toString(NOW.getEpochSecond()))
          .containsEntry("X-Baton-Signature", WebhookSigner.sign(SECRET, NOW.getEpochSecond(), "{\"id\":7}"))
          .containsEntry("X-Baton-Notification-Id", "7");
    }
  }

  @Test
  void anyOtherStatusFailsWithTheAnswerCutToFitALog() {
    try (Receiver receiver = new Receiver(() -> 503, "x".repeat(2000))) {
      WebhookOutcome outcome = await(poster.post(new SignedWebhook(receiver.url(), SECRET, "{}", Map.of())));

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.httpStatus()).as(outcome.error()).isEqualTo(503);
      assertThat(outcome.error()).startsWith("answered 503: xxx").endsWith("...")
          .hasSize(WebhookOutcome.MAX_ERROR + 3);
    }
  }

  @Test
  void aRefusedConnectionOrATimeoutFailsWithNoStatus() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WebhookOutcome refused = await(poster.post(new SignedWebhook("http://127.0.0.1:" + closedPort + "/x", SECRET,
        "{}", Map.of())));
    assertThat(refused.delivered()).isFalse();
    assertThat(refused.httpStatus()).isZero();
    assertThat(refused.error()).startsWith("ConnectException");

    SignedWebhookPoster impatient = SignedWebhookPoster.create(Duration.ofMillis(300), Clock.systemUTC());
    try (Receiver slow = new Receiver(() -> -1, "")) {
      WebhookOutcome timedOut = await(impatient.post(new SignedWebhook(slow.url(), SECRET, "{}", Map.of())));
      assertThat(timedOut.delivered()).isFalse();
      assertThat(timedOut.httpStatus()).isZero();
      assertThat(timedOut.error()).startsWith("HttpTimeoutException");
    }
  }

  @Test
  void aUrlTheHttpClientRefusesIsAFailedAttemptNamingTheUrl() {
    WebhookOutcome outcome = await(poster.post(new SignedWebhook("ftp://example.com/x", SECRET, "{}", Map.of())));

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.error()).startsWith("url: ");
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
