package dev.baton.analytics.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica's alert work, every BATON_ALERT_EVAL_INTERVAL: evaluate the due rules, then send the
 * due webhooks. One pass at a time; a failed pass is logged and the next one tries again.
 */
final class AlertLoop {
  private static final Logger log = LoggerFactory.getLogger(AlertLoop.class);

  private final Vertx vertx;
  private final AlertConfig config;
  private final AlertEvaluator evaluator;
  private final AlertDeliverer deliverer;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;
  private volatile boolean stopped;

  AlertLoop(Vertx vertx, AlertConfig config, AlertEvaluator evaluator, AlertDeliverer deliverer) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
  }

  void start() {
    timer = vertx.setPeriodic(config.evalInterval().toMillis(), id -> pass());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void pass() {
    if (stopped || !running.compareAndSet(false, true)) {
      return;
    }
    evaluator.runOnce()
        .transform(ar -> logged(ar.cause(), "evaluating alert rules").compose(v -> deliverer.runOnce()))
        .onComplete(ar -> {
          logged(ar.cause(), "sending alert webhooks");
          running.set(false);
        });
  }

  private Future<Void> logged(Throwable error, String what) {
    if (error != null && !stopped) {
      log.warn("{} failed ({}); trying again in {} ms", what, error.toString(), config.evalInterval().toMillis());
    }
    return Future.succeededFuture();
  }
}
