package dev.baton.common.server;

import io.vertx.core.Future;

/** One dependency a service needs to serve (its database, Redis); checked by /readyz. */
public interface ReadinessCheck {
  String name();

  Future<Void> check();

  static ReadinessCheck of(String name, java.util.function.Supplier<Future<?>> probe) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Void> check() {
        return probe.get().mapEmpty();
      }
    };
  }
}
