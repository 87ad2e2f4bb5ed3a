package dev.baton.executor;

import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceMain;

/** Runs one executor process from environment variables (see {@link ExecutorConfig}); SIGTERM stops it gracefully. */
public final class ExecutorMain {
  private ExecutorMain() {}

  public static void main(String[] args) {
    ServiceMain.run("executor-svc", () -> ExecutorConfig.from(Env.system()),
        (config, vertx) -> ExecutorNode.create(config, vertx).start());
  }
}
