package dev.baton.progress;

import dev.baton.common.config.Env;
import dev.baton.common.server.ServerConfig;
import dev.baton.common.server.ServiceServer;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Streams live progress of executions. This first cut serves only health checks; the progress issue adds WatchExecution.
 * Its one wiring entry point, used by its main and the dev launcher. Port: BATON_PROGRESS_PORT [7234].
 */
public final class ProgressService implements AutoCloseable {
  public static final int DEFAULT_PORT = 7234;

  private final ServerConfig config;
  private final Vertx vertx;
  private ServiceServer server;

  private ProgressService(ServerConfig config, Vertx vertx) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  public static ProgressService create(Env env, Vertx vertx) {
    return new ProgressService(ServerConfig.from(env, "BATON_PROGRESS", DEFAULT_PORT), vertx);
  }

  public ProgressService start() {
    try {
      server = ServiceServer.start(vertx, new ServiceServer.Spec("progress", config))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("progress-svc could not start: " + e.getMessage(), e);
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
    ProgressService service = create(Env.system(), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      vertx.close();
    }, "progress-shutdown"));
  }
}
