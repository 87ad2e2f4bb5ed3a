package dev.baton.analytics;

import dev.baton.common.config.Env;
import dev.baton.common.server.ServerConfig;
import dev.baton.common.server.ServiceServer;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Receives OpenTelemetry traces and reports bottlenecks. This first cut serves only health checks; the analytics issue adds the OTLP receiver.
 * Its one wiring entry point, used by its main and the dev launcher. Port: BATON_ANALYTICS_PORT [7235].
 */
public final class AnalyticsService implements AutoCloseable {
  public static final int DEFAULT_PORT = 7235;

  private final ServerConfig config;
  private final Vertx vertx;
  private ServiceServer server;

  private AnalyticsService(ServerConfig config, Vertx vertx) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  public static AnalyticsService create(Env env, Vertx vertx) {
    return new AnalyticsService(ServerConfig.from(env, "BATON_ANALYTICS", DEFAULT_PORT), vertx);
  }

  public AnalyticsService start() {
    try {
      server = ServiceServer.start(vertx, new ServiceServer.Spec("analytics", config))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("analytics-svc could not start: " + e.getMessage(), e);
    }
    return this;
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    AnalyticsService service = create(Env.system(), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      vertx.close();
    }, "analytics-shutdown"));
  }
}
