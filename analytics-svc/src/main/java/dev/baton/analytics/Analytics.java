package dev.baton.analytics;

import dev.baton.analytics.receiver.OtlpTraceReceiver;
import dev.baton.analytics.report.AnalyticsApi;
import dev.baton.analytics.rollup.RollupJob;
import dev.baton.analytics.store.AnalyticsSchema;
import dev.baton.analytics.store.SpanStore;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.server.ReadinessCheck;
import dev.baton.common.server.ServiceServer;
import dev.baton.common.tenant.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * analytics-svc's one wiring entry point (its main, the dev launcher and the tests use it):
 * migrates its schema, then serves the OTLP/gRPC trace receiver, the AnalyticsService reports and
 * the health endpoints, and runs the rollup job.
 */
public final class Analytics implements AutoCloseable {
  private final AnalyticsConfig config;
  private final Vertx vertx;
  private Pool pool;
  private ServiceServer server;
  private RollupJob rollups;
  private boolean closed;

  private Analytics(AnalyticsConfig config, Vertx vertx) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  public static Analytics create(AnalyticsConfig config, Vertx vertx) {
    return new Analytics(config, vertx);
  }

  /** Blocks until listening; fails fast when the database or the port is not usable. */
  public Analytics start() {
    AnalyticsSchema.migrate(config.postgres());
    pool = PgPools.create(vertx, config.postgres());
    ServiceServer.Spec spec = new ServiceServer.Spec("analytics", config.server())
        .interceptor(Tenants.interceptor())
        .service(new OtlpTraceReceiver(new SpanStore(pool)))
        .service(new AnalyticsApi(pool, Clock.systemUTC()))
        .readiness(ReadinessCheck.of("postgres", () -> pool.query("SELECT 1").execute()));
    server = await(ServiceServer.start(vertx, spec), "BATON_ANALYTICS_PORT: cannot serve on "
        + config.server().host() + ":" + config.server().port());
    rollups = new RollupJob(vertx, pool, config.rollup());
    rollups.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Where OTLP/gRPC exporters send to, e.g. "http://localhost:7235" (OTEL_EXPORTER_OTLP_ENDPOINT). */
  public String otlpEndpoint() {
    return "http://localhost:" + port();
  }

  /** The rollup job of this replica (tests run a pass with {@link RollupJob#tick()}). */
  public RollupJob rollups() {
    return rollups;
  }

  /** Stops receiving and closes the database pool. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (rollups != null) {
      rollups.stop();
    }
    if (server != null) {
      await(server.close(), "closing the analytics server");
    }
    if (pool != null) {
      await(pool.close(), "closing the analytics database pool");
    }
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(what + ": " + cause.getMessage(), cause);
    }
  }
}
