package dev.baton.analytics.alerts;

import dev.baton.common.postgres.SlicedDelete;
import dev.baton.common.webhook.ClaimedWebhook;
import dev.baton.common.webhook.SignedWebhook;
import dev.baton.common.webhook.WebhookOutbox;
import dev.baton.common.webhook.WebhookOutcome;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The table {@code analytics.alert_deliveries} as a {@link WebhookOutbox}, keyed by the alert event's
 * id: each row carries the URL, secret and body of its rule when the event was recorded, and is sent
 * with an {@value #EVENT_HEADER} header receivers drop repeats by.
 *
 * <p>Retention: a delivery that is done is deleted once its event is older than
 * BATON_ALERT_WEBHOOK_RETENTION (by the database clock), and with it the copies of the rule's URL,
 * secret and body it carried. The events themselves ({@code analytics.alert_history}) are the
 * alert's history and are kept.
 */
final class AlertWebhookOutbox implements WebhookOutbox<Long> {
  static final String EVENT_HEADER = "X-Baton-Alert-Event-Id";
  private static final int DELETE_SLICE = 1_000;
  // events are few (a firing or resolving each); the deliveries are found by their primary key
  private static final String DELETE_DONE = "DELETE FROM analytics.alert_deliveries WHERE event_id IN "
      + "(SELECT d.event_id FROM analytics.alert_deliveries d JOIN analytics.alert_history h ON h.id = d.event_id "
      + "WHERE d.status IN ('DELIVERED', 'FAILED') AND h.created_at < now() - make_interval(secs => $1) "
      + "LIMIT " + DELETE_SLICE + ")";

  private final Pool pool;

  AlertWebhookOutbox(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Future<List<ClaimedWebhook<Long>>> claimDue(int limit, Duration lease) {
    return pool.withTransaction(conn -> conn.preparedQuery(
            "WITH due AS (SELECT event_id FROM analytics.alert_deliveries WHERE status IN ('PENDING', 'SENDING') "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE analytics.alert_deliveries d SET status = 'SENDING', attempts = d.attempts + 1, "
                + "next_attempt_at = now() + $2 * interval '1 millisecond' FROM due "
                + "WHERE d.event_id = due.event_id RETURNING d.event_id, d.attempts, d.url, d.secret, d.body")
        .execute(Tuple.of(limit, lease.toMillis())))
        .map(rows -> {
          List<ClaimedWebhook<Long>> claimed = new ArrayList<>();
          for (Row r : rows) {
            long eventId = r.getLong("event_id");
            String url = r.getString("url");
            claimed.add(new ClaimedWebhook<>(eventId, r.getInteger("attempts"),
                new SignedWebhook(url, r.getString("secret"), r.getString("body"),
                    Map.of(EVENT_HEADER, Long.toString(eventId))),
                "alert event " + eventId + " to " + url));
          }
          return claimed;
        });
  }

  @Override
  public Future<Void> record(ClaimedWebhook<Long> claimed, WebhookOutcome outcome, boolean givenUp, Duration retryIn) {
    if (outcome.delivered()) {
      return pool.preparedQuery("UPDATE analytics.alert_deliveries SET status = 'DELIVERED', delivered_at = now(), "
              + "last_status = $3 WHERE event_id = $1 AND status = 'SENDING' AND attempts = $2")
          .execute(Tuple.of(claimed.key(), claimed.attempts(), outcome.httpStatus()))
          .mapEmpty();
    }
    return pool.preparedQuery("UPDATE analytics.alert_deliveries SET status = $3, last_status = $4, last_error = $5, "
            + "next_attempt_at = now() + $6 * interval '1 millisecond' "
            + "WHERE event_id = $1 AND status = 'SENDING' AND attempts = $2")
        .execute(Tuple.from(Arrays.asList(claimed.key(), claimed.attempts(), givenUp ? "FAILED" : "PENDING",
            outcome.httpStatus(), outcome.error(), retryIn.toMillis())))
        .mapEmpty();
  }

  /** Deletes expired deliveries; how many. */
  @Override
  public Future<Long> deleteDone(Duration retention) {
    return SlicedDelete.run(pool, DELETE_DONE, Tuple.of(retention.toMillis() / 1000.0), DELETE_SLICE);
  }
}
