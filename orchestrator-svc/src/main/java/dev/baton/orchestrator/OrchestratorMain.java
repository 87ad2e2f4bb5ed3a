package dev.baton.orchestrator;

import dev.baton.common.config.Env;
import io.vertx.core.Vertx;

/** Runs one orchestrator replica from environment variables until SIGTERM. */
public final class OrchestratorMain {
  private OrchestratorMain() {}

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    Orchestrator orchestrator = Orchestrator.create(OrchestratorConfig.from(Env.system()), vertx).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      orchestrator.close();
      vertx.close();
    }, "orchestrator-shutdown"));
  }
}
