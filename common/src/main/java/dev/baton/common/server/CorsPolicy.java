package dev.baton.common.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser pages on other origins may call a service over gRPC-Web. The gRPC server itself
 * answers a CORS preflight (OPTIONS) with 415, so a vertx-web {@link CorsHandler} answers it in
 * front and adds the allow/expose headers to the real calls.
 */
final class CorsPolicy {
  /** What gRPC-Web clients (connect-web, grpc-web) send, plus Baton's tenant header. */
  static final Set<String> ALLOWED_HEADERS =
      Set.of("content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "x-baton-tenant");
  /** Trailers-only responses carry the call's outcome in headers the page must be able to read. */
  static final Set<String> EXPOSED_HEADERS = Set.of("grpc-status", "grpc-message", "grpc-status-details-bin");

  private CorsPolicy() {}

  /** The handler for these origins; empty when no origin is allowed (same-origin use only). */
  static Optional<CorsHandler> handler(List<String> origins) {
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(ALLOWED_HEADERS)
        .exposedHeaders(EXPOSED_HEADERS)
        .maxAgeSeconds(600);
    // no addOrigin call leaves vertx-web's default: any origin ("*")
    if (!origins.contains(ServerConfig.ANY_ORIGIN)) {
      cors.addOrigins(origins);
    }
    return Optional.of(cors);
  }
}
