package dev.baton.common.webhook;

import static dev.baton.common.webhook.SignedWebhookPosterTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sender between an outbox (here in memory: the services test theirs on PostgreSQL) and a real receiver. */
class WebhookSenderTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private final SignedWebhookPoster poster = SignedWebhookPoster.create(Duration.ofSeconds(2), Clock.systemUTC());
  private final WebhookRetryPolicy retry = new WebhookRetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

  /** An outbox whose due deliveries are given; keeps what the sender claimed and recorded. */
  private static final class ListOutbox implements WebhookOutbox<String> {
    final List<ClaimedWebhook<String>> due = new CopyOnWriteArrayList<>();
    final List<Object[]> recorded = new CopyOnWriteArrayList<>();
    Duration lease;
    int limit;

    @Override
    public Future<List<ClaimedWebhook<String>>> claimDue(int limit, Duration lease) {
      this.limit = limit;
      this.lease = lease;
      List<ClaimedWebhook<String>> claimed = new ArrayList<>(due);
      due.clear();
      return Future.succeededFuture(claimed);
    }

    @Override
    public Future<Void> record(ClaimedWebhook<String> claimed, WebhookOutcome outcome, boolean givenUp,
        Duration retryIn) {
      recorded.add(new Object[] {claimed.key(), outcome, givenUp, retryIn});
      return Future.succeededFuture();
    }

    @Override
    public Future<Long> deleteDone(Duration retention) {
      throw new UnsupportedOperationException("the sender never deletes");
    }
  }

  @Test
  void eachClaimedDeliveryIsPostedAndItsOutcomeRecordedWithTheRetryVerdict() {
    AtomicInteger answers = new AtomicInteger();
    try (Receiver receiver = new Receiver(() -> answers.incrementAndGet() == 1 ? 204 : 500, "")) {
      ListOutbox outbox = new ListOutbox();
      outbox.due.add(claimed("first", 1, receiver.url()));
      WebhookSender<String> sender = new WebhookSender<>(outbox, poster, retry);

      assertThat(await(sender.runOnce())).isEqualTo(1);
      outbox.due.add(claimed("second", 2, receiver.url()));
      outbox.due.add(claimed("third", 3, receiver.url()));
      assertThat(await(sender.runOnce())).isEqualTo(2);

      assertThat(outbox.limit).isEqualTo(WebhookSender.BATCH);
      assertThat(outbox.lease).isEqualTo(Duration.ofSeconds(6));
      assertThat(outbox.recorded).hasSize(3);
      assertThat(outbox.recorded.get(0)).containsExactly("first", new WebhookOutcome(true, 204, null), false,
          Duration.ofSeconds(1));
      Object[] second = find(outbox, "second");
      assertThat(second[1]).isEqualTo(new WebhookOutcome(false, 500, "answered 500: "));
      assertThat(second[2]).isEqualTo(false);
      assertThat(second[3]).isEqualTo(Duration.ofSeconds(2));
      Object[] third = find(outbox, "third");
      assertThat(third[2]).as("the third failed attempt of three gives up").isEqualTo(true);
      assertThat(receiver.requests()).extracting(r -> r.headers().get("X-Id"))
          .containsExactlyInAnyOrder("first", "second", "third");
    }
  }

  @Test
  void nothingDueSendsNothing() {
    assertThat(await(new WebhookSender<>(new ListOutbox(), poster, retry).runOnce())).isZero();
  }

  private static ClaimedWebhook<String> claimed(String key, int attempts, String url) {
    return new ClaimedWebhook<>(key, attempts, new SignedWebhook(url, SECRET, "{}", Map.of("X-Id", key)),
        "delivery " + key);
  }

  private static Object[] find(ListOutbox outbox, String key) {
    return outbox.recorded.stream().filter(r -> r[0].equals(key)).findFirst().orElseThrow();
  }
}
