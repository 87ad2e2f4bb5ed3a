package dev.baton.analytics.alerts;

import static dev.baton.common.vertx.PeriodicPass.spacedStep;
import static dev.baton.common.vertx.PeriodicPass.step;

import dev.baton.common.vertx.PeriodicPass;
import dev.baton.common.webhook.SignedWebhookPoster;
import dev.baton.common.webhook.WebhookSender;
import io.grpc.BindableService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The alert slice of analytics-svc, assembled: its gRPC service and every replica's alert work, every
 * BATON_ALERT_EVAL_INTERVAL: evaluate the due rules, then send the due webhooks; and every
 * BATON_ALERT_CLEANUP_INTERVAL, delete the deliveries past their retention.
 */
public final class Alerts {
  private final AlertApi api;
  private final PeriodicPass pass;

  private Alerts(AlertApi api, PeriodicPass pass) {
    this.api = api;
    this.pass = pass;
  }

  /** Builds it and starts evaluating every {@link AlertConfig#evalInterval()}. */
  public static Alerts start(Vertx vertx, Pool pool, AlertConfig config, Clock clock) {
    AlertHistory history = new AlertHistory(pool);
    AlertApi api = new AlertApi(vertx, new AlertRuleStore(pool), history, new AlertDeliveries(pool),
        config.watchPollInterval());
    AlertEvaluator evaluator = new AlertEvaluator(pool, config.evalInterval(), clock);
    AlertWebhookOutbox outbox = new AlertWebhookOutbox(pool);
    WebhookSender<Long> sender = new WebhookSender<>(outbox, SignedWebhookPoster.create(config.webhookTimeout(), clock),
        config.webhookRetry());
    PeriodicPass pass = new PeriodicPass(vertx, config.evalInterval(), clock, LoggerFactory.getLogger(Alerts.class),
        List.of(
            step("evaluating alert rules", evaluator::runOnce),
            step("sending alert webhooks", sender::runOnce),
            spacedStep("deleting alert webhook deliveries past BATON_ALERT_WEBHOOK_RETENTION",
                config.cleanupInterval(), () -> outbox.deleteDone(config.webhookRetention()))));
    pass.start();
    return new Alerts(api, pass);
  }

  public BindableService service() {
    return api;
  }

  /** Stops evaluating and sending; idempotent. */
  public void stop() {
    pass.stop();
  }
}
