package dev.baton.common.webhook;

import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * POSTs a {@link SignedWebhook} as JSON with the {@link WebhookSigner} headers (signed at the time of
 * this attempt, so a retry carries a fresh timestamp) and its own headers, within a timeout, and
 * classifies the answer as a {@link WebhookOutcome}. Transport failures are outcomes, not failed
 * futures: the caller records them like any other failed attempt.
 */
public final class SignedWebhookPoster {
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public SignedWebhookPoster(HttpClient http, Duration timeout, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A poster with its own HTTP client, whose connection attempts also end after {@code timeout}. */
  public static SignedWebhookPoster create(Duration timeout, Clock clock) {
    return new SignedWebhookPoster(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, clock);
  }

  /** How long one POST may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Sends it once; never fails. */
  public Future<WebhookOutcome> post(SignedWebhook webhook) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(webhook.url()))
          .timeout(timeout)
          .header("content-type", "application/json")
          .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
          .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(webhook.secret(), timestamp, webhook.body()));
      webhook.headers().forEach(builder::header);
      request = builder.POST(HttpRequest.BodyPublishers.ofString(webhook.body())).build();
    } catch (IllegalArgumentException e) {
      // stored before today's validation, or a header the JDK refuses: a failed attempt like any other
      return Future.succeededFuture(WebhookOutcome.failed(0, "url: " + e.getMessage()));
    }
    return Future.fromCompletionStage(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .transform(ar -> {
          if (ar.failed()) {
            Throwable cause = unwrapped(ar.cause());
            return Future.succeededFuture(WebhookOutcome.failed(0,
                cause.getClass().getSimpleName() + ": " + cause.getMessage()));
          }
          int status = ar.result().statusCode();
          return Future.succeededFuture(status >= 200 && status < 300 ? WebhookOutcome.delivered(status)
              : WebhookOutcome.failed(status, "answered " + status + ": " + ar.result().body()));
        });
  }

  /** The HTTP client's own failure rather than the CompletionException its future wraps it in. */
  private static Throwable unwrapped(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
