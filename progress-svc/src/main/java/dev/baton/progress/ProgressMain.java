package dev.baton.progress;

import dev.baton.common.config.Env;
import io.vertx.core.Vertx;

/** Runs progress-svc as a process until SIGTERM (configuration: {@link ProgressConfig}). */
public final class ProgressMain {
  public static final int DEFAULT_PORT = ProgressConfig.DEFAULT_PORT;

  private ProgressMain() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    ProgressServer server = ProgressServer.create(ProgressConfig.from(Env.system()), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      vertx.close();
    }, "progress-shutdown"));
  }
}
