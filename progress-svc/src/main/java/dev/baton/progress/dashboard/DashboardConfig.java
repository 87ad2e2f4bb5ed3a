package dev.baton.progress.dashboard;

import dev.baton.common.config.Env;
import java.util.Objects;

/**
 * Where the dashboard's page finds the APIs it calls cross-origin (see {@link BrowserEndpoint} for
 * how each URL is derived):
 * <ul>
 *   <li>the orchestrator (definitions, starting executions): BATON_DASHBOARD_ORCHESTRATOR_URL, else
 *       from BATON_ORCHESTRATOR_TARGET [localhost:7233]; it must allow the dashboard's origin in
 *       BATON_ORCHESTRATOR_CORS_ORIGINS;</li>
 *   <li>analytics-svc (bottleneck reports): BATON_DASHBOARD_ANALYTICS_URL, else from
 *       BATON_ANALYTICS_TARGET [localhost:7235]; it must allow the dashboard's origin in
 *       BATON_ANALYTICS_CORS_ORIGINS.</li>
 * </ul>
 */
public record DashboardConfig(BrowserEndpoint orchestrator, BrowserEndpoint analytics) {
  public DashboardConfig {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(analytics, "analytics");
  }

  public static DashboardConfig from(Env env) {
    return new DashboardConfig(
        BrowserEndpoint.from(env, "BATON_DASHBOARD_ORCHESTRATOR_URL", "BATON_ORCHESTRATOR_TARGET", "localhost:7233"),
        BrowserEndpoint.from(env, "BATON_DASHBOARD_ANALYTICS_URL", "BATON_ANALYTICS_TARGET", "localhost:7235"));
  }

  /** The orchestrator URL for a page that was loaded from {@code requestHost} (host name or address, no port; may be null). */
  public String orchestratorUrlFor(String requestHost) {
    return orchestrator.urlFor(requestHost);
  }

  /** The analytics-svc URL for a page that was loaded from {@code requestHost}. */
  public String analyticsUrlFor(String requestHost) {
    return analytics.urlFor(requestHost);
  }
}
