package dev.baton.common.postgres;

import io.opentelemetry.api.metrics.Meter;
import io.vertx.sqlclient.Pool;
import java.util.Objects;

/**
 * Gauges of a service's PostgreSQL pool: the connections it holds open and the most it may open.
 * The Vert.x pool API tells no more; connections in use and waiters are only visible through
 * Vert.x's metrics SPI, which belongs to whoever creates the Vertx instance, not to one service.
 */
public final class PgPoolGauges {
  private PgPoolGauges() {}

  public static void register(Meter meter, Pool pool, int maxSize) {
    Objects.requireNonNull(pool, "pool");
    meter.gaugeBuilder("baton.db.pool.connections").ofLongs().setUnit("{connection}")
        .setDescription("Connections the PostgreSQL pool holds open")
        .buildWithCallback(m -> m.record(pool.size()));
    meter.gaugeBuilder("baton.db.pool.max").ofLongs().setUnit("{connection}")
        .setDescription("Connections the PostgreSQL pool may open (BATON_PG_POOL_SIZE)")
        .buildWithCallback(m -> m.record(maxSize));
  }
}
