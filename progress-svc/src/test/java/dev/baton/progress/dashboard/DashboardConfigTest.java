package dev.baton.progress.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

  @Test
  void anExplicitUrlIsGivenToEveryPage() {
    DashboardConfig config = DashboardConfig.from(new Env(Map.of(
        "BATON_DASHBOARD_ORCHESTRATOR_URL", "https://api.example.com/", "BATON_ORCHESTRATOR_TARGET", "orch:7233")));
    assertThat(config.orchestratorUrlFor("dash.example.com")).isEqualTo("https://api.example.com");
  }

  @Test
  void aLoopbackTargetBecomesTheHostTheBrowserUsed() {
    DashboardConfig config = DashboardConfig.from(new Env(Map.of("BATON_ORCHESTRATOR_TARGET", "localhost:41000")));
    assertThat(config.orchestratorUrlFor("build-box.lan")).isEqualTo("http://build-box.lan:41000");
    assertThat(config.orchestratorUrlFor("127.0.0.1")).isEqualTo("http://127.0.0.1:41000");
    assertThat(config.orchestratorUrlFor("::1")).isEqualTo("http://[::1]:41000");
    assertThat(config.orchestratorUrlFor(null)).isEqualTo("http://localhost:41000");
  }

  @Test
  void withNothingSetItIsTheDefaultOrchestratorPortOnTheBrowsersHost() {
    assertThat(DashboardConfig.from(new Env(Map.of())).orchestratorUrlFor("box")).isEqualTo("http://box:7233");
  }

  @Test
  void aNamedTargetHostIsKept() {
    DashboardConfig config = DashboardConfig.from(new Env(Map.of("BATON_ORCHESTRATOR_TARGET", "orchestrator:7233")));
    assertThat(config.orchestratorUrlFor("dash.example.com")).isEqualTo("http://orchestrator:7233");
  }

  @Test
  void theAnalyticsUrlIsDerivedFromItsOwnTargetLikeTheOrchestrators() {
    assertThat(DashboardConfig.from(new Env(Map.of())).analyticsUrlFor("box")).isEqualTo("http://box:7235");
    DashboardConfig local = DashboardConfig.from(new Env(Map.of("BATON_ANALYTICS_TARGET", "localhost:41001",
        "BATON_ORCHESTRATOR_TARGET", "localhost:41000")));
    assertThat(local.analyticsUrlFor("build-box.lan")).isEqualTo("http://build-box.lan:41001");
    assertThat(local.orchestratorUrlFor("build-box.lan")).isEqualTo("http://build-box.lan:41000");
    assertThat(DashboardConfig.from(new Env(Map.of("BATON_ANALYTICS_TARGET", "analytics:7235")))
        .analyticsUrlFor("dash.example.com")).isEqualTo("http://analytics:7235");
    DashboardConfig explicit = DashboardConfig.from(new Env(Map.of(
        "BATON_DASHBOARD_ANALYTICS_URL", "https://analytics.example.com/", "BATON_ANALYTICS_TARGET", "analytics:7235")));
    assertThat(explicit.analyticsUrlFor("dash.example.com")).isEqualTo("https://analytics.example.com");
    assertThat(explicit.orchestratorUrlFor("dash.example.com")).isEqualTo("http://dash.example.com:7233");
  }

  @Test
  void badSettingsAreRejectedNamingTheVariable() {
    assertThatThrownBy(() -> DashboardConfig.from(new Env(Map.of("BATON_DASHBOARD_ORCHESTRATOR_URL", "api:7233"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_DASHBOARD_ORCHESTRATOR_URL: 'api:7233'");
    assertThatThrownBy(() -> DashboardConfig.from(new Env(Map.of("BATON_ORCHESTRATOR_TARGET", "orchestrator"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_ORCHESTRATOR_TARGET: 'orchestrator'");
    assertThatThrownBy(() -> DashboardConfig.from(new Env(Map.of("BATON_DASHBOARD_ANALYTICS_URL", "ftp://a"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_DASHBOARD_ANALYTICS_URL: 'ftp://a'");
    assertThatThrownBy(() -> DashboardConfig.from(new Env(Map.of("BATON_ANALYTICS_TARGET", "analytics:0"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("BATON_ANALYTICS_TARGET: 'analytics:0'");
  }
}
