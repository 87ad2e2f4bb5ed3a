package dev.baton.common.server;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** One dependency a service needs to serve (its database, Redis); checked by /readyz. */
public interface ReadinessCheck {
  String name();

  Future<Void> check();

  /** PostgreSQL answers a trivial query through the service's pool. */
  static ReadinessCheck postgres(Pool pool) {
    return of("postgres", () -> pool.query("SELECT 1").execute());
  }

  /** Redis answers PING on the service's connection. */
  static ReadinessCheck redis(StatefulRedisConnection<?, ?> connection) {
    return of("redis", () -> Future.fromCompletionStage(connection.async().ping()));
  }

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
