package dev.baton.analytics.alerts;

import dev.baton.common.webhook.WebhookSigner;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries of alert events. As in the orchestrator's notifications, a delivery is
 * claimed (SENDING, attempts + 1, next_attempt_at pushed past the request timeout as a lease) with FOR
 * UPDATE SKIP LOCKED and committed before the POST, so replicas never send one at the same time; a
 * replica that dies mid-send leaves it to be taken over when the lease ends (the receiver then sees
 * the same X-Baton-Alert-Event-Id again). An outcome is written only if the claim is still this one.
 */
final class AlertDeliverer {
  private static final Logger log = LoggerFactory.getLogger(AlertDeliverer.class);
  static final String EVENT_HEADER = "X-Baton-Alert-Event-Id";
  private static final int BATCH = 20;
  private static final int MAX_ERROR = 500;

  private final Pool pool;
  private final AlertConfig config;
  private final HttpClient http;
  private final Clock clock;

  AlertDeliverer(Pool pool, AlertConfig config, HttpClient http, Clock clock) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private record Claimed(long eventId, int attempts, String url, String secret, String body) {}

  /** Sends one batch of due deliveries; returns how many were attempted. */
  Future<Integer> runOnce() {
    Duration lease = config.webhookTimeout().multipliedBy(3);
    return pool.withTransaction(conn -> conn.preparedQuery(
            "WITH due AS (SELECT event_id FROM analytics.alert_deliveries WHERE status IN ('PENDING', 'SENDING') "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE analytics.alert_deliveries d SET status = 'SENDING', attempts = d.attempts + 1, "
                + "next_attempt_at = now() + $2 * interval '1 millisecond' FROM due "
                + "WHERE d.event_id = due.event_id RETURNING d.event_id, d.attempts, d.url, d.secret, d.body")
        .execute(Tuple.of(BATCH, lease.toMillis())))
        .compose(rows -> {
          List<Future<Void>> sends = new ArrayList<>();
          for (Row r : rows) {
            sends.add(send(new Claimed(r.getLong("event_id"), r.getInteger("attempts"), r.getString("url"),
                r.getString("secret"), r.getString("body"))));
          }
          return Future.join(sends).map(done -> sends.size());
        });
  }

  private Future<Void> send(Claimed d) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
        .timeout(config.webhookTimeout())
        .header("content-type", "application/json")
        .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(d.secret(), timestamp, d.body()))
        .header(EVENT_HEADER, Long.toString(d.eventId()))
        .POST(HttpRequest.BodyPublishers.ofString(d.body()))
        .build();
    return Future.fromCompletionStage(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .transform(ar -> {
          if (ar.failed()) {
            return failed(d, 0, ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
          }
          int status = ar.result().statusCode();
          return status >= 200 && status < 300 ? delivered(d, status)
              : failed(d, status, "answered " + status + ": " + ar.result().body());
        });
  }

  private Future<Void> delivered(Claimed d, int status) {
    return pool.preparedQuery("UPDATE analytics.alert_deliveries SET status = 'DELIVERED', delivered_at = now(), "
            + "last_status = $3 WHERE event_id = $1 AND status = 'SENDING' AND attempts = $2")
        .execute(Tuple.of(d.eventId(), d.attempts(), status))
        .mapEmpty();
  }

  private Future<Void> failed(Claimed d, int httpStatus, String error) {
    boolean last = d.attempts() >= config.webhookMaxAttempts();
    String shortError = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "...";
    if (last) {
      log.warn("alert event {} to {} failed for good after {} attempts: {}", d.eventId(), d.url(), d.attempts(),
          shortError);
    }
    return pool.preparedQuery("UPDATE analytics.alert_deliveries SET status = $3, last_status = $4, last_error = $5, "
            + "next_attempt_at = now() + $6 * interval '1 millisecond' "
            + "WHERE event_id = $1 AND status = 'SENDING' AND attempts = $2")
        .execute(Tuple.from(List.of(d.eventId(), d.attempts(), last ? "FAILED" : "PENDING", httpStatus, shortError,
            config.backoff(d.attempts()).toMillis())))
        .mapEmpty();
  }
}
