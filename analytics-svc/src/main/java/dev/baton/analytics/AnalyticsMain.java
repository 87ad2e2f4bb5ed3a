package dev.baton.analytics;

import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceMain;

/** Runs analytics-svc from environment variables ({@link AnalyticsConfig}) until SIGTERM. */
public final class AnalyticsMain {
  private AnalyticsMain() {}

  public static void main(String[] args) {
    ServiceMain.run("analytics-svc", () -> AnalyticsConfig.from(Env.system()),
        (config, vertx) -> Analytics.create(config, vertx).start());
  }
}
