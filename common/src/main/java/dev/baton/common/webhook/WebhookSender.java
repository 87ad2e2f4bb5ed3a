package dev.baton.common.webhook;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due deliveries of one {@link WebhookOutbox}: claims a batch, POSTs each (in parallel)
 * with the {@link SignedWebhookPoster}, and records each outcome with the {@link WebhookRetryPolicy}'s
 * verdict. Every replica of a service runs one; the outbox's claims keep them from sending a delivery
 * at the same time. A replica dying between the receiver's 2xx and its record makes another replica
 * send it again after the lease: receivers drop repeats by the id header the outbox sets.
 */
public final class WebhookSender<K> {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  /** Deliveries one pass claims at most; the rest are due at the next pass. */
  static final int BATCH = 20;
  /** A claim outlives the POST's timeout with room for recording its outcome. */
  private static final int LEASE_TIMEOUTS = 3;

  private final WebhookOutbox<K> outbox;
  private final SignedWebhookPoster poster;
  private final WebhookRetryPolicy retry;

  public WebhookSender(WebhookOutbox<K> outbox, SignedWebhookPoster poster, WebhookRetryPolicy retry) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.poster = Objects.requireNonNull(poster, "poster");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /** Sends one batch of due deliveries; returns how many were attempted. */
  public Future<Integer> runOnce() {
    Duration lease = poster.timeout().multipliedBy(LEASE_TIMEOUTS);
    return outbox.claimDue(BATCH, lease).compose(claimed -> {
      List<Future<Void>> sends = new ArrayList<>();
      for (ClaimedWebhook<K> delivery : claimed) {
        sends.add(poster.post(delivery.webhook()).compose(outcome -> record(delivery, outcome)));
      }
      return Future.join(sends).map(done -> sends.size());
    });
  }

  private Future<Void> record(ClaimedWebhook<K> delivery, WebhookOutcome outcome) {
    boolean givenUp = !outcome.delivered() && retry.givesUpAfter(delivery.attempts());
    if (givenUp) {
      log.warn("{} failed for good after {} attempts: {}", delivery.description(), delivery.attempts(),
          outcome.error());
    }
    return outbox.record(delivery, outcome, givenUp, retry.backoff(delivery.attempts()));
  }
}
