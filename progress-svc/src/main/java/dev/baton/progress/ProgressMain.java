package dev.baton.progress;

import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceMain;

/** Runs progress-svc as a process until SIGTERM (configuration: {@link ProgressConfig}). */
public final class ProgressMain {
  public static final int DEFAULT_PORT = ProgressConfig.DEFAULT_PORT;

  private ProgressMain() {}

  public static void main(String[] args) {
    ServiceMain.run("progress-svc", () -> ProgressConfig.from(Env.system()),
        (config, vertx) -> ProgressServer.create(config, vertx).start());
  }
}
