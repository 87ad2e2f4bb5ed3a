package dev.baton.analytics;

import dev.baton.common.config.Env;
import io.vertx.core.Vertx;

/** Runs analytics-svc from environment variables ({@link AnalyticsConfig}) until SIGTERM. */
public final class AnalyticsMain {
  private AnalyticsMain() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    Analytics analytics = Analytics.create(AnalyticsConfig.from(Env.system()), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      analytics.close();
      vertx.close();
    }, "analytics-shutdown"));
  }
}
