package dev.baton.analytics.alerts;

import io.grpc.BindableService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpClient;
import java.time.Clock;

/** The alert slice of analytics-svc, assembled: its gRPC service and its evaluation/delivery loop. */
public final class Alerts {
  private final AlertApi api;
  private final AlertLoop loop;

  private Alerts(AlertApi api, AlertLoop loop) {
    this.api = api;
    this.loop = loop;
  }

  /** Builds it and starts evaluating every {@link AlertConfig#evalInterval()}. */
  public static Alerts start(Vertx vertx, Pool pool, AlertConfig config, Clock clock) {
    AlertHistory history = new AlertHistory(pool);
    AlertApi api = new AlertApi(vertx, new AlertRuleStore(pool), history, new AlertDeliveries(pool),
        config.watchPollInterval());
    AlertLoop loop = new AlertLoop(vertx, config, new AlertEvaluator(pool, config.evalInterval(), clock),
        new AlertDeliverer(pool, config, HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build(),
            clock));
    loop.start();
    return new Alerts(api, loop);
  }

  public BindableService service() {
    return api;
  }

  /** Stops evaluating and sending; idempotent. */
  public void stop() {
    loop.stop();
  }
}
