package dev.baton.common.server;

import dev.baton.common.auth.AuthConfig;
import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a service listens and who may call it from a browser. {@code <PREFIX>_HOST} (0.0.0.0),
 * {@code <PREFIX>_PORT} (the service's default; 0 picks a free port), e.g. BATON_ORCHESTRATOR_PORT,
 * and {@code <PREFIX>_CORS_ORIGINS} (none): a comma list of origins such as
 * {@code http://localhost:7234} whose pages may call the service cross-origin (gRPC-Web), or
 * {@code *} for any origin. BATON_MAX_MESSAGE_BYTES (4194304) bounds every gRPC message.
 * BATON_MAX_CONCURRENT_STREAMS (1000) is how many calls one HTTP/2 connection may have open at
 * once: each long-lived watch stream holds one, and grpc-java clients queue calls beyond the
 * limit silently, so the HTTP/2 default of 100 would cap a client's watches per channel.
 */
public record ServerConfig(String host, int port, int maxMessageBytes, List<String> corsOrigins,
    int maxConcurrentStreams, AuthConfig auth) {
  public static final String ANY_ORIGIN = "*";

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(auth, "auth");
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** With the default authentication settings. */
  public ServerConfig(String host, int port, int maxMessageBytes, List<String> corsOrigins, int maxConcurrentStreams) {
    this(host, port, maxMessageBytes, corsOrigins, maxConcurrentStreams, AuthConfig.from(new Env(java.util.Map.of())));
  }

  public static ServerConfig from(Env env, String prefix, int defaultPort) {
    String corsVariable = prefix + "_CORS_ORIGINS";
    return new ServerConfig(
        env.string(prefix + "_HOST", "0.0.0.0"),
        env.integer(prefix + "_PORT", defaultPort, 0, 65535),
        env.integer("BATON_MAX_MESSAGE_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
        parseOrigins(corsVariable, env.string(corsVariable, "")),
        env.integer("BATON_MAX_CONCURRENT_STREAMS", 1000, 1, 1_000_000),
        AuthConfig.from(env));
  }

  public ServerConfig withPort(int otherPort) {
    return new ServerConfig(host, otherPort, maxMessageBytes, corsOrigins, maxConcurrentStreams, auth);
  }

  /** True when browsers on other origins may call this service. */
  public boolean corsEnabled() {
    return !corsOrigins.isEmpty();
  }

  /**
   * Parses a comma list of origins. An origin is what a browser sends in its Origin header:
   * scheme, host and optional port, nothing else; a trailing '/' is tolerated because people
   * paste URLs. {@code *} stands alone.
   */
  static List<String> parseOrigins(String variable, String raw) {
    List<String> origins = new ArrayList<>();
    for (String part : raw.split(",")) {
      String origin = part.trim();
      if (origin.isEmpty()) {
        continue;
      }
      origins.add(origin.equals(ANY_ORIGIN) ? origin : checkedOrigin(variable, origin));
    }
    if (origins.contains(ANY_ORIGIN) && origins.size() > 1) {
      throw new ConfigException(variable + ": '" + raw + "' (expected: '*' alone, or a list of origins)");
    }
    return origins;
  }

  private static String checkedOrigin(String variable, String origin) {
    String trimmed = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (java.net.URISyntaxException e) {
      throw badOrigin(variable, origin);
    }
    boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!web || uri.getHost() == null || !bare) {
      throw badOrigin(variable, origin);
    }
    return trimmed;
  }

  private static ConfigException badOrigin(String variable, String origin) {
    return new ConfigException(variable + ": '" + origin
        + "' (expected: an origin such as http://localhost:7234 - scheme, host, optional port - or '*')");
  }
}
