package dev.baton.common.lifecycle;

import dev.baton.common.config.ConfigException;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service's {@code main} runs it as a process: reads the configuration (exit code 2 with
 * a message naming the variable when it is invalid), starts the service on a Vert.x of its own
 * (exit code 1 when that fails, after closing the Vert.x, so that no thread keeps the JVM alive),
 * and stops both on SIGTERM.
 */
public final class ServiceMain {
  private static final Logger log = LoggerFactory.getLogger(ServiceMain.class);
  private static final long VERTX_CLOSE_SECONDS = 10;

  private ServiceMain() {}

  /**
   * @param service names the service in messages and its shutdown thread, e.g. "orchestrator-svc"
   * @param config reads and validates the configuration (throws {@link ConfigException})
   * @param start builds and starts the service (throws when it cannot start)
   */
  public static <C> void run(String service, Supplier<C> config, BiFunction<C, Vertx, AutoCloseable> start) {
    Objects.requireNonNull(service, "service");
    C settings;
    try {
      settings = config.get();
    } catch (ConfigException e) {
      System.err.println(service + ": invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    AutoCloseable running;
    try {
      running = start.apply(settings, vertx);
    } catch (RuntimeException e) {
      log.error("{} failed to start: {}", service, e.getMessage(), e);
      close(vertx);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        log.warn("{} did not stop cleanly: {}", service, e.toString());
      }
      close(vertx);
    }, service + "-shutdown"));
  }

  private static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(VERTX_CLOSE_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("Vert.x did not close within {}s: {}", VERTX_CLOSE_SECONDS, e.toString());
    }
  }
}
