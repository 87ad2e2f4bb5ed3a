package dev.baton.progress.dashboard;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the dashboard's page reaches one Baton API cross-origin: an explicit URL (e.g.
 * {@code https://baton-api.example.com}) when the browser must use a public address; otherwise
 * {@code http://HOST:PORT} of the service's gRPC target, where a loopback or wildcard HOST is
 * replaced by the host the browser used to reach the dashboard (so a dashboard opened from another
 * machine does not send the browser to its own localhost).
 */
public record BrowserEndpoint(Optional<URI> url, String host, int port) {
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "::", "[::]");

  public BrowserEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
  }

  /** From {@code urlVariable} when set, else from {@code targetVariable} (host:port, {@code defaultTarget} when unset). */
  public static BrowserEndpoint from(Env env, String urlVariable, String targetVariable, String defaultTarget) {
    String url = env.string(urlVariable, "");
    String target = env.string(targetVariable, defaultTarget);
    int colon = target.lastIndexOf(':');
    int port;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (colon <= 0 || port < 1 || port > 65535) {
      throw new ConfigException(targetVariable + ": '" + target + "' (expected: host:port)");
    }
    return new BrowserEndpoint(url.isEmpty() ? Optional.empty() : Optional.of(checkedUrl(urlVariable, url, defaultTarget)),
        target.substring(0, colon), port);
  }

  /** The URL for a page that was loaded from {@code requestHost} (host name or address, no port; may be null). */
  public String urlFor(String requestHost) {
    if (url.isPresent()) {
      return url.get().toString();
    }
    String chosen = host;
    if (LOCAL_HOSTS.contains(chosen) && requestHost != null && !requestHost.isBlank()) {
      chosen = requestHost.trim();
    }
    boolean bareIpv6 = chosen.contains(":") && !chosen.startsWith("[");
    return "http://" + (bareIpv6 ? "[" + chosen + "]" : chosen) + ":" + port;
  }

  private static URI checkedUrl(String variable, String raw, String example) {
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
    throw new ConfigException(variable + ": '" + raw + "' (expected: an http(s) URL such as http://" + example + ")");
  }
}
