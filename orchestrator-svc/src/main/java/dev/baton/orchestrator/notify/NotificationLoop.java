package dev.baton.orchestrator.notify;

import dev.baton.common.config.RedisConfig;
import dev.baton.orchestrator.store.WorkflowStore;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica's notification work, every BATON_NOTIFY_POLL_INTERVAL: circuit openings into the
 * outbox, the outbox fanned out to channels, due deliveries sent. One pass at a time; a failed pass
 * is logged and the next one tries again.
 */
public final class NotificationLoop {
  private static final Logger log = LoggerFactory.getLogger(NotificationLoop.class);

  private final Vertx vertx;
  private final NotificationConfig config;
  private final CircuitOpenings openings;
  private final FanOut fanOut;
  private final WebhookDeliverer deliverer;
  private long timer = -1;
  private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean stopped;

  public NotificationLoop(Vertx vertx, Pool pool, StatefulRedisConnection<String, byte[]> redis, RedisConfig keys,
      WorkflowStore workflows, NotificationConfig config, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.openings = new CircuitOpenings(keys, redis, pool, "orchestrator-" + UUID.randomUUID());
    this.fanOut = new FanOut(pool, new NotificationKinds(workflows));
    this.deliverer = new WebhookDeliverer(pool, config,
        HttpClient.newBuilder().connectTimeout(config.timeout()).build(), clock);
  }

  public void start() {
    timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> pass());
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void pass() {
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    openings.runOnce()
        .transform(ar -> logged(ar.cause(), "moving circuit openings into the outbox").compose(v -> fanOut.runOnce()))
        .transform(ar -> logged(ar.cause(), "fanning out notifications").compose(v -> deliverer.runOnce()))
        .onComplete(ar -> {
          logged(ar.cause(), "delivering notifications");
          running.set(false);
        });
  }

  private Future<Void> logged(Throwable error, String what) {
    if (error != null && !stopped) {
      log.warn("{} failed ({}); trying again in {}", what, error.toString(), Duration.ofMillis(config.pollInterval().toMillis()));
    }
    return Future.succeededFuture();
  }
}
