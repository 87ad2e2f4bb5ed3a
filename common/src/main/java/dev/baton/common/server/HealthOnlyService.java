package dev.baton.common.server;

import dev.baton.common.config.Env;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A service that so far serves only its health endpoints (the progress and analytics services
 * until their issues land), so that deployments, probes and the dev launcher treat every service
 * alike from day one. Listens on {@code <PREFIX>_HOST}/{@code <PREFIX>_PORT}.
 */
public final class HealthOnlyService implements AutoCloseable {
  private final String name;
  private final ServerConfig config;
  private final Vertx vertx;
  private ServiceServer server;

  private HealthOnlyService(String name, ServerConfig config, Vertx vertx) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  public static HealthOnlyService create(String name, String envPrefix, int defaultPort, Env env, Vertx vertx) {
    return new HealthOnlyService(name, ServerConfig.from(env, envPrefix, defaultPort), vertx);
  }

  public HealthOnlyService start() {
    try {
      server = ServiceServer.start(vertx, new ServiceServer.Spec(name, config))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(name + " could not start on port " + config.port() + ": " + e.getMessage(), e);
    }
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Runs it as a process until SIGTERM. */
  public static void runUntilTerminated(String name, String envPrefix, int defaultPort) {
    Vertx vertx = Vertx.vertx();
    HealthOnlyService service = create(name, envPrefix, defaultPort, Env.system(), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      vertx.close();
    }, name + "-shutdown"));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
