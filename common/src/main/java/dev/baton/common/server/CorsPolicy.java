package dev.baton.common.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser pages on other origins may call a service over gRPC-Web. The gRPC server itself
 * answers a CORS preflight (OPTIONS) with 415, so a vertx-web {@link CorsHandler} answers
 * preflights (and adds its headers to plain HTTP routes); the real gRPC calls get the same
 * allow/expose headers from {@link #addResponseHeaders} on their way to the gRPC server.
 */
final class CorsPolicy {
  /** What gRPC-Web clients (connect-web, grpc-web) send, plus the authorization header. */
  static final Set<String> ALLOWED_HEADERS =
      Set.of("content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "authorization");
  /** Trailers-only responses carry the call's outcome in headers the page must be able to read. */
  static final Set<String> EXPOSED_HEADERS = Set.of("grpc-status", "grpc-message", "grpc-status-details-bin");

  private final List<String> origins;
  private final CorsHandler preflightHandler;

  private CorsPolicy(List<String> origins) {
    this.origins = List.copyOf(origins);
    this.preflightHandler = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(ALLOWED_HEADERS)
        .exposedHeaders(EXPOSED_HEADERS)
        .maxAgeSeconds(600);
    // no addOrigin call leaves vertx-web's default: any origin ("*")
    if (!anyOrigin()) {
      preflightHandler.addOrigins(origins);
    }
  }

  /** The policy for these origins; empty when no origin is allowed (same-origin use only). */
  static Optional<CorsPolicy> of(List<String> origins) {
    return origins.isEmpty() ? Optional.empty() : Optional.of(new CorsPolicy(origins));
  }

  CorsHandler preflightHandler() {
    return preflightHandler;
  }

  /**
   * The headers that let a page on an allowed origin read a gRPC-Web call's response. A call from
   * another origin gets none, so the browser keeps the response from the page.
   */
  void addResponseHeaders(HttpServerRequest request) {
    String origin = request.getHeader("origin");
    if (origin == null || !(anyOrigin() || origins.contains(origin))) {
      return;
    }
    HttpServerResponse response = request.response();
    response.putHeader("access-control-allow-origin", anyOrigin() ? ServerConfig.ANY_ORIGIN : origin);
    response.putHeader("access-control-expose-headers", String.join(",", EXPOSED_HEADERS));
    if (!anyOrigin()) {
      response.putHeader("vary", "origin");
    }
  }

  private boolean anyOrigin() {
    return origins.contains(ServerConfig.ANY_ORIGIN);
  }
}
