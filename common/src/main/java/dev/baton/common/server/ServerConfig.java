package dev.baton.common.server;

import dev.baton.common.config.Env;

/**
 * Where a service listens. {@code <PREFIX>_HOST} (0.0.0.0) and {@code <PREFIX>_PORT} (the
 * service's default; 0 picks a free port), e.g. BATON_ORCHESTRATOR_PORT.
 * BATON_MAX_MESSAGE_BYTES (4194304) bounds every gRPC message.
 */
public record ServerConfig(String host, int port, int maxMessageBytes) {

  public static ServerConfig from(Env env, String prefix, int defaultPort) {
    return new ServerConfig(
        env.string(prefix + "_HOST", "0.0.0.0"),
        env.integer(prefix + "_PORT", defaultPort, 0, 65535),
        env.integer("BATON_MAX_MESSAGE_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024));
  }

  public ServerConfig withPort(int otherPort) {
    return new ServerConfig(host, otherPort, maxMessageBytes);
  }
}
