package dev.baton.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.analytics.AnalyticsFixture;
import dev.baton.common.webhook.SignedWebhookPoster;
import dev.baton.common.webhook.WebhookSender;
import dev.baton.common.webhook.WebhookSigner;
import dev.baton.proto.v1.AlertDelivery;
import dev.baton.proto.v1.AlertDeliveryStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery of alert events with two replicas sending, against a real HTTP receiver, and the
 * retention of the delivery log.
 */
class AlertDeliveryIT {
  private static final String SECRET = "delivery-it-secret-0123456789abcdef";

  private static AnalyticsFixture fixture;
  private static Pool pool;
  private static HttpServer receiver;
  private static final AtomicInteger answered = new AtomicInteger();
  private static final List<String[]> requests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    fixture = AnalyticsFixture.create();
    pool = fixture.migratedPool();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new String[] {exchange.getRequestHeaders().getFirst(AlertWebhookOutbox.EVENT_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER), body});
      // the first request fails: the delivery must be retried, and delivered once
      exchange.sendResponseHeaders(answered.incrementAndGet() == 1 ? 503 : 204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aFailedDeliveryIsRetriedAndDeliveredOnceWhileTwoReplicasSend() {
    long eventId = await(pool.preparedQuery("INSERT INTO analytics.alert_history (tenant, rule, type, kind, workflow, "
            + "server_address, value, threshold, samples) VALUES ('t1', 'r1', 'FIRING', 'SUCCESS_RATE', 'wf', '', 50, 90, "
            + "10) RETURNING id").execute()).iterator().next().getLong("id");
    String body = "{\"id\":\"" + eventId + "\",\"rule\":\"r1\"}";
    await(pool.preparedQuery("INSERT INTO analytics.alert_deliveries (event_id, url, secret, body) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(eventId, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", SECRET, body)));
    AlertConfig config = new AlertConfig(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(2), 5,
        Duration.ofDays(7), Duration.ofHours(1));
    SignedWebhookPoster poster = new SignedWebhookPoster(HttpClient.newHttpClient(), config.webhookTimeout(),
        Clock.systemUTC());
    WebhookSender<Long> one = new WebhookSender<>(new AlertWebhookOutbox(pool), poster, config.webhookRetry());
    WebhookSender<Long> two = new WebhookSender<>(new AlertWebhookOutbox(pool), poster, config.webhookRetry());

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
      await(Future.all(one.runOnce(), two.runOnce()));
      return delivery("t1").getStatus() == AlertDeliveryStatus.ALERT_DELIVERY_STATUS_DELIVERED;
    });
    // more passes send nothing more
    for (int i = 0; i < 5; i++) {
      assertThat(await(Future.all(one.runOnce(), two.runOnce())).<Integer>resultAt(0)).isZero();
    }

    AlertDelivery d = delivery("t1");
    assertThat(d.getAttempts()).isEqualTo(2);
    assertThat(d.getLastHttpStatus()).isEqualTo(204);
    assertThat(d.getLastError()).isEqualTo("answered 503: ");
    assertThat(requests).hasSize(2);
    for (String[] r : requests) {
      assertThat(r[0]).isEqualTo(Long.toString(eventId));
      assertThat(r[3]).isEqualTo(body);
      assertThat(r[2]).isEqualTo(WebhookSigner.sign(SECRET, Long.parseLong(r[1]), body));
    }
    assertThat(await(new AlertDeliveries(pool).latest("other", "", 10))).isEmpty();
  }

  @Test
  void doneDeliveriesOfEventsPastTheRetentionAreDeletedAndPendingOnesAndTheHistoryStay() {
    long oldDelivered = event("t2", "8 days", "DELIVERED");
    long oldFailed = event("t2", "8 days", "FAILED");
    long oldPending = event("t2", "8 days", "PENDING");
    long recentDelivered = event("t2", "6 days", "DELIVERED");
    AlertWebhookOutbox outbox = new AlertWebhookOutbox(pool);

    assertThat(await(outbox.deleteDone(Duration.ofDays(7)))).isEqualTo(2);

    assertThat(await(new AlertDeliveries(pool).latest("t2", "", 10))).extracting(AlertDelivery::getEventId)
        .containsExactly(recentDelivered, oldPending);
    assertThat(await(new AlertHistory(pool).latest("t2", "", 10))).extracting(e -> e.getId())
        .containsExactly(recentDelivered, oldPending, oldFailed, oldDelivered);
    assertThat(await(outbox.deleteDone(Duration.ofDays(7)))).isZero();
  }

  /**
   * An alert event of {@code age} with one webhook delivery in {@code status}, not due for a day (so the
   * other test's senders leave it alone); its id.
   */
  private static long event(String tenant, String age, String status) {
    long id = await(pool.preparedQuery("INSERT INTO analytics.alert_history (tenant, rule, type, kind, workflow, "
            + "server_address, value, threshold, samples, created_at) VALUES ($1, 'r2', 'FIRING', 'SUCCESS_RATE', 'wf', "
            + "'', 50, 90, 10, now() - $2::text::interval) RETURNING id").execute(Tuple.of(tenant, age)))
        .iterator().next().getLong("id");
    await(pool.preparedQuery("INSERT INTO analytics.alert_deliveries (event_id, url, secret, body, status, "
            + "next_attempt_at) VALUES ($1, 'http://127.0.0.1:1/x', $2, '{}', $3, now() + interval '1 day')")
        .execute(Tuple.of(id, SECRET, status)));
    return id;
  }

  private static AlertDelivery delivery(String tenant) {
    return await(new AlertDeliveries(pool).latest(tenant, "", 10)).get(0);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
