package dev.baton.common.webhook;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A service's table of webhook deliveries, as {@link WebhookSender} and the cleanup use it (the
 * orchestrator's notification deliveries, analytics-svc's alert deliveries). Its rows go PENDING ->
 * SENDING (leased) -> DELIVERED, or back to PENDING after a failed attempt, or FAILED once the
 * attempts are used up; done rows are deleted after a retention.
 *
 * @param <K> what identifies one delivery
 */
public interface WebhookOutbox<K> {
  /**
   * Claims at most {@code limit} due deliveries (PENDING, or SENDING whose lease ended) with
   * {@code FOR UPDATE SKIP LOCKED}: each becomes SENDING, its attempts + 1, leased for {@code lease}.
   * The claim is committed before the future completes, so no other replica sends them meanwhile, and
   * one that dies mid-send leaves them to be taken over when the lease ends.
   */
  Future<List<ClaimedWebhook<K>>> claimDue(int limit, Duration lease);

  /**
   * Records the outcome of the claimed attempt, only if the row is still under that claim (SENDING
   * with the same attempts), so a replica that outlived its lease cannot overwrite a newer attempt.
   *
   * @param retryIn when the next attempt is due; ignored when {@code givenUp} (the row is FAILED)
   */
  Future<Void> record(ClaimedWebhook<K> claimed, WebhookOutcome outcome, boolean givenUp, Duration retryIn);

  /**
   * Deletes the deliveries that are done (DELIVERED or FAILED) and older than {@code retention}, with
   * whatever of the service's own rows only they kept (e.g. the notification they delivered). Rows
   * still PENDING or SENDING stay, however old. Replicas may run it at once.
   *
   * @return how many rows it deleted (deliveries, or the rows they hang off)
   */
  Future<Long> deleteDone(Duration retention);
}
