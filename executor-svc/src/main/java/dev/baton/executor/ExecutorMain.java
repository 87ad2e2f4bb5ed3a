package dev.baton.executor;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one executor process from environment variables (see {@link ExecutorConfig}); SIGTERM stops it gracefully. */
public final class ExecutorMain {
  private static final Logger log = LoggerFactory.getLogger(ExecutorMain.class);

  private ExecutorMain() {}

  public static void main(String[] args) {
    ExecutorConfig config;
    try {
      config = ExecutorConfig.from(Env.system());
    } catch (ConfigException e) {
      System.err.println("executor-svc: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    ExecutorNode node;
    try {
      node = ExecutorNode.create(config, vertx);
      node.start();
    } catch (RuntimeException e) {
      log.error("executor-svc failed to start: {}", e.getMessage(), e);
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      vertx.close();
    }, "baton-executor-shutdown"));
  }
}
