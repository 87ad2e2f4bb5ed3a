package dev.baton.orchestrator;

import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceMain;

/** Runs one orchestrator replica from environment variables until SIGTERM. */
public final class OrchestratorMain {
  private OrchestratorMain() {}

  public static void main(String[] args) {
    ServiceMain.run("orchestrator-svc", () -> OrchestratorConfig.from(Env.system()),
        (config, vertx) -> Orchestrator.create(config, vertx).start());
  }
}
