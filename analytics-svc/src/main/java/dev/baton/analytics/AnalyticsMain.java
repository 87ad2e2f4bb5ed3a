package dev.baton.analytics;

import dev.baton.common.server.HealthOnlyService;

/** Runs analytics-svc (BATON_ANALYTICS_PORT, default 7235). Health endpoints only until the OTLP receiver lands. */
public final class AnalyticsMain {
  public static final int DEFAULT_PORT = 7235;

  private AnalyticsMain() {}

  public static void main(String[] args) {
    HealthOnlyService.runUntilTerminated("analytics", "BATON_ANALYTICS", DEFAULT_PORT);
  }
}
