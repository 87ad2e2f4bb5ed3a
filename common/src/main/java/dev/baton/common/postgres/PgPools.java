package dev.baton.common.postgres;

import dev.baton.common.config.PostgresConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the reactive PostgreSQL pool every service uses. */
public final class PgPools {
  private PgPools() {}

  public static Pool create(Vertx vertx, PostgresConfig config) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user())
        .setPassword(config.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    // Plan every execution with its parameters. A cached generic plan is made when the tables are
    // still small (a sequential scan is cheapest then) and is only replaced after an ANALYZE; where
    // autovacuum lags or is off, lookups by key would keep scanning whole tables as they grow.
    connect.addProperty("plan_cache_mode", "force_custom_plan");
    PoolOptions pool = new PoolOptions().setMaxSize(config.poolSize()).setMaxWaitQueueSize(100_000);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }
}
