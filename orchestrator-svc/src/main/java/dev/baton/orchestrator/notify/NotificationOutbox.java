package dev.baton.orchestrator.notify;

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
 * The table {@code notification_deliveries} as a {@link WebhookOutbox}: one row per (notification,
 * channel), sent to the channel's current URL and secret with the notification's JSON body and an
 * {@value #NOTIFICATION_HEADER} header receivers drop repeats by.
 *
 * <p>Retention: a notification older than BATON_NOTIFY_RETENTION (by the database clock) is deleted
 * once nothing is left to do for it (fanned out, no delivery PENDING or SENDING), and its delivery log
 * with it (ON DELETE CASCADE); one that concerned no channel goes too. A later STEP_RETRIES_EXHAUSTED
 * of the same execution and step is told once per execution and step only while the earlier one is
 * kept: past the retention the same step would notify again.
 */
final class NotificationOutbox implements WebhookOutbox<NotificationOutbox.Key> {
  static final String NOTIFICATION_HEADER = "X-Baton-Notification-Id";
  private static final int DELETE_SLICE = 1_000;
  // notifications are rare events (failures, openings) kept for days: one scan per cleanup is cheap,
  // so created_at has no index of its own; the deliveries are found by their primary key's prefix
  private static final String DELETE_DONE = "DELETE FROM notifications WHERE id IN (SELECT n.id FROM notifications n "
      + "WHERE n.fanned_out AND n.created_at < now() - make_interval(secs => $1) AND NOT EXISTS "
      + "(SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.status IN ('PENDING', 'SENDING')) "
      + "LIMIT " + DELETE_SLICE + ")";

  private final Pool pool;

  /** One delivery: a notification to a channel. */
  record Key(long notificationId, String channel) {}

  NotificationOutbox(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Future<List<ClaimedWebhook<Key>>> claimDue(int limit, Duration lease) {
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
        .execute(Tuple.of(limit, lease.toMillis())))
        .map(rows -> {
          List<ClaimedWebhook<Key>> claimed = new ArrayList<>();
          for (Row r : rows) {
            Key key = new Key(r.getLong("notification_id"), r.getString("channel"));
            claimed.add(new ClaimedWebhook<>(key, r.getInteger("attempts"),
                new SignedWebhook(r.getString("url"), r.getString("secret"), OutboxRow.of(r).body(),
                    Map.of(NOTIFICATION_HEADER, Long.toString(key.notificationId()))),
                "notification " + key.notificationId() + " to channel '" + key.channel() + "'"));
          }
          return claimed;
        });
  }

  @Override
  public Future<Void> record(ClaimedWebhook<Key> claimed, WebhookOutcome outcome, boolean givenUp, Duration retryIn) {
    Key key = claimed.key();
    if (outcome.delivered()) {
      return pool.preparedQuery("UPDATE notification_deliveries SET status = 'DELIVERED', delivered_at = now(), "
              + "last_status = $4 WHERE notification_id = $1 AND channel = $2 AND status = 'SENDING' AND attempts = $3")
          .execute(Tuple.of(key.notificationId(), key.channel(), claimed.attempts(), outcome.httpStatus()))
          .mapEmpty();
    }
    return pool.preparedQuery("UPDATE notification_deliveries SET status = $4, last_status = $5, last_error = $6, "
            + "next_attempt_at = now() + $7 * interval '1 millisecond' "
            + "WHERE notification_id = $1 AND channel = $2 AND status = 'SENDING' AND attempts = $3")
        .execute(Tuple.from(Arrays.asList(key.notificationId(), key.channel(), claimed.attempts(),
            givenUp ? "FAILED" : "PENDING", outcome.httpStatus(), outcome.error(), retryIn.toMillis())))
        .mapEmpty();
  }

  /** Deletes expired notifications with their deliveries; the number of notifications deleted. */
  @Override
  public Future<Long> deleteDone(Duration retention) {
    return SlicedDelete.run(pool, DELETE_DONE, Tuple.of(retention.toMillis() / 1000.0), DELETE_SLICE);
  }
}
