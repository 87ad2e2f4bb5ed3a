package dev.baton.orchestrator.notify;

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
 * Sends due deliveries. A delivery is claimed (status SENDING, attempts + 1, next_attempt_at pushed
 * past the request timeout as a lease) with FOR UPDATE SKIP LOCKED and committed before the POST, so
 * replicas never send one at the same time; a replica that dies mid-send leaves it to be taken over
 * when the lease ends. The outcome is written only if the claim is still this one (same attempt
 * count), so a late replica cannot overwrite a newer attempt. A 2xx answer delivers it; anything
 * else waits {@link NotificationConfig#backoff} and tries again, up to the maximum attempts.
 */
final class WebhookDeliverer {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final int BATCH = 20;
  private static final int MAX_ERROR = 500;
  static final String NOTIFICATION_HEADER = "X-Baton-Notification-Id";

  private final Pool pool;
  private final NotificationConfig config;
  private final HttpClient http;
  private final Clock clock;

  WebhookDeliverer(Pool pool, NotificationConfig config, HttpClient http, Clock clock) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private record Claimed(long notificationId, String channel, int attempts, String url, String secret, String body) {}

  /** Sends one batch of due deliveries; returns how many were attempted. */
  Future<Integer> runOnce() {
    Duration lease = config.timeout().multipliedBy(3);
    return pool.withTransaction(conn -> conn.preparedQuery(
            "WITH due AS (SELECT notification_id, channel FROM notification_deliveries "
                + "WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE notification_deliveries d SET status = 'SENDING', attempts = d.attempts + 1, "
                + "next_attempt_at = now() + $2 * interval '1 millisecond' "
                + "FROM due, notifications n, notification_channels c "
                + "WHERE d.notification_id = due.notification_id AND d.channel = due.channel "
                + "AND n.id = d.notification_id AND c.tenant_id = d.tenant_id AND c.name = d.channel "
                + "RETURNING d.notification_id, d.channel, d.attempts, c.url, c.secret, " + OutboxRow.COLUMNS)
        .execute(Tuple.of(BATCH, lease.toMillis())))
        .compose(rows -> {
          List<Future<Void>> sends = new ArrayList<>();
          for (Row r : rows) {
            sends.add(send(new Claimed(r.getLong("notification_id"), r.getString("channel"), r.getInteger("attempts"),
                r.getString("url"), r.getString("secret"), OutboxRow.of(r).body())));
          }
          return Future.join(sends).map(done -> sends.size());
        });
  }

  private Future<Void> send(Claimed d) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(d.url()))
          .timeout(config.timeout())
          .header("content-type", "application/json")
          .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
          .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(d.secret(), timestamp, d.body()))
          .header(NOTIFICATION_HEADER, Long.toString(d.notificationId()))
          .POST(HttpRequest.BodyPublishers.ofString(d.body()))
          .build();
    } catch (IllegalArgumentException e) {
      return outcome(d, 0, "channel url: " + e.getMessage());
    }
    return Future.fromCompletionStage(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .transform(ar -> {
          if (ar.failed()) {
            return outcome(d, 0, ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage());
          }
          int status = ar.result().statusCode();
          return status >= 200 && status < 300 ? delivered(d)
              : outcome(d, status, "answered " + status + ": " + ar.result().body());
        });
  }

  private Future<Void> delivered(Claimed d) {
    return pool.preparedQuery("UPDATE notification_deliveries SET status = 'DELIVERED', delivered_at = now(), "
            + "last_status = 200 WHERE notification_id = $1 AND channel = $2 AND status = 'SENDING' AND attempts = $3")
        .execute(Tuple.of(d.notificationId(), d.channel(), d.attempts()))
        .mapEmpty();
  }

  private Future<Void> outcome(Claimed d, int httpStatus, String error) {
    boolean last = d.attempts() >= config.maxAttempts();
    String shortError = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "...";
    Duration delay = config.backoff(d.attempts());
    if (last) {
      log.warn("notification {} to channel '{}' failed for good after {} attempts: {}", d.notificationId(),
          d.channel(), d.attempts(), shortError);
    }
    return pool.preparedQuery("UPDATE notification_deliveries SET status = $4, last_status = $5, last_error = $6, "
            + "next_attempt_at = now() + $7 * interval '1 millisecond' "
            + "WHERE notification_id = $1 AND channel = $2 AND status = 'SENDING' AND attempts = $3")
        .execute(Tuple.from(List.of(d.notificationId(), d.channel(), d.attempts(), last ? "FAILED" : "PENDING",
            httpStatus, shortError, delay.toMillis())))
        .mapEmpty();
  }
}
