package dev.baton.orchestrator.notify;

import static dev.baton.common.vertx.PeriodicPass.spacedStep;
import static dev.baton.common.vertx.PeriodicPass.step;

import dev.baton.common.config.RedisConfig;
import dev.baton.common.vertx.PeriodicPass;
import dev.baton.common.webhook.SignedWebhookPoster;
import dev.baton.common.webhook.WebhookSender;
import dev.baton.orchestrator.store.WorkflowStore;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * Every replica's notification work, every BATON_NOTIFY_POLL_INTERVAL: circuit openings into the
 * outbox, the outbox fanned out to channels, due deliveries sent; and every
 * BATON_NOTIFY_CLEANUP_INTERVAL, notifications past their retention deleted.
 */
public final class NotificationLoop {
  private final PeriodicPass pass;

  public NotificationLoop(Vertx vertx, Pool pool, StatefulRedisConnection<String, byte[]> redis, RedisConfig keys,
      WorkflowStore workflows, NotificationConfig config, Clock clock) {
    CircuitOpenings openings = new CircuitOpenings(keys, redis, pool, "orchestrator-" + UUID.randomUUID());
    FanOut fanOut = new FanOut(pool, new NotificationKinds(workflows));
    NotificationOutbox outbox = new NotificationOutbox(pool);
    WebhookSender<NotificationOutbox.Key> sender = new WebhookSender<>(outbox,
        SignedWebhookPoster.create(config.timeout(), clock), config.retry());
    this.pass = new PeriodicPass(vertx, config.pollInterval(), clock, LoggerFactory.getLogger(NotificationLoop.class),
        List.of(
            step("moving circuit openings into the outbox", openings::runOnce),
            step("fanning out notifications", fanOut::runOnce),
            step("delivering notifications", sender::runOnce),
            spacedStep("deleting notifications past BATON_NOTIFY_RETENTION", config.cleanupInterval(),
                () -> outbox.deleteDone(config.retention()))));
  }

  public void start() {
    pass.start();
  }

  public void stop() {
    pass.stop();
  }
}
