package dev.baton.progress.dashboard;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the dashboard's page finds the orchestrator's gRPC-Web API (to read definitions and start
 * executions). BATON_DASHBOARD_ORCHESTRATOR_URL (e.g. {@code https://baton-api.example.com}) when
 * the browser must use a public address; otherwise derived from BATON_ORCHESTRATOR_TARGET
 * [localhost:7233] as {@code http://HOST:PORT}, where a loopback or wildcard HOST is replaced by
 * the host the browser used to reach the dashboard (so a dashboard opened from another machine
 * does not send the browser to its own localhost). The orchestrator must allow the dashboard's
 * origin in BATON_ORCHESTRATOR_CORS_ORIGINS.
 */
public record DashboardConfig(Optional<URI> orchestratorUrl, String orchestratorHost, int orchestratorPort) {
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "::", "[::]");

  public DashboardConfig {
    Objects.requireNonNull(orchestratorUrl, "orchestratorUrl");
    Objects.requireNonNull(orchestratorHost, "orchestratorHost");
  }

  public static DashboardConfig from(Env env) {
    String url = env.string("BATON_DASHBOARD_ORCHESTRATOR_URL", "");
    String target = env.string("BATON_ORCHESTRATOR_TARGET", "localhost:7233");
    int colon = target.lastIndexOf(':');
    int port;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (colon <= 0 || port < 1 || port > 65535) {
      throw new ConfigException("BATON_ORCHESTRATOR_TARGET: '" + target + "' (expected: host:port)");
    }
    return new DashboardConfig(url.isEmpty() ? Optional.empty() : Optional.of(checkedUrl(url)),
        target.substring(0, colon), port);
  }

  /** The orchestrator URL for a page that was loaded from {@code requestHost} (host name or address, no port; may be null). */
  public String orchestratorUrlFor(String requestHost) {
    if (orchestratorUrl.isPresent()) {
      return orchestratorUrl.get().toString();
    }
    String host = orchestratorHost;
    if (LOCAL_HOSTS.contains(host) && requestHost != null && !requestHost.isBlank()) {
      host = requestHost.trim();
    }
    boolean bareIpv6 = host.contains(":") && !host.startsWith("[");
    return "http://" + (bareIpv6 ? "[" + host + "]" : host) + ":" + orchestratorPort;
  }

  private static URI checkedUrl(String raw) {
    String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    try {
      URI uri = new URI(trimmed);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getRawQuery() == null && uri.getRawFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new ConfigException("BATON_DASHBOARD_ORCHESTRATOR_URL: '" + raw
        + "' (expected: an http(s) URL such as http://localhost:7233)");
  }
}
