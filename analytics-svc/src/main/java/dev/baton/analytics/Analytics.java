package dev.baton.analytics;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.analytics.alerts.Alerts;
import dev.baton.analytics.receiver.OtlpHttpReceiver;
import dev.baton.analytics.receiver.OtlpTraceReceiver;
import dev.baton.analytics.report.AnalyticsApi;
import dev.baton.analytics.rollup.RollupJob;
import dev.baton.analytics.store.AnalyticsSchema;
import dev.baton.analytics.store.SpanStore;
import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.postgres.PgPoolGauges;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.server.ReadinessCheck;
import dev.baton.common.server.ServiceServer;
import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.telemetry.TelemetryConfig;
import dev.baton.common.callers.CallerAuth;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * analytics-svc's one wiring entry point (its main, the dev launcher and the tests use it):
 * migrates its schema, then serves the OTLP/gRPC trace receiver, the AnalyticsService reports,
 * the alert service (and evaluates alert rules), the health endpoints and its metrics, and runs the
 * rollup job.
 */
public final class Analytics implements AutoCloseable {
  /** How long start and stop wait for each step (listening, closing the server and the pool). */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final AnalyticsConfig config;
  private final Vertx vertx;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("analytics-svc");
  private CallerAuth auth;
  private ServiceServer server;
  private RollupJob rollups;

  private Analytics(AnalyticsConfig config, Vertx vertx) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  public static Analytics create(AnalyticsConfig config, Vertx vertx) {
    return new Analytics(config, vertx);
  }

  /**
   * Blocks until listening; fails fast when the database or the port is not usable, closing again
   * what it opened.
   *
   * @throws IllegalStateException when it cannot start, or was started before
   */
  public Analytics start() {
    lifecycle.start(this::startComponents);
    return this;
  }

  /** Each step registers how to close what it opened, so that a failing step closes what came before. */
  private void startComponents() {
    AnalyticsSchema.migrate(config.postgres());
    // metrics only (docs/metrics.md): the trace receiver exports no spans of its own
    Telemetry telemetry = Telemetry.start(TelemetryConfig.disabled("analytics-svc"));
    lifecycle.onStop("telemetry", telemetry::close);
    Pool pool = PgPools.create(vertx, config.postgres());
    lifecycle.onStop("database pool", () -> await(pool.close(), WAIT, "closing the analytics database pool"));
    PgPoolGauges.register(telemetry.meter(), pool, config.postgres().poolSize());
    rollups = new RollupJob(vertx, pool, config.rollup());
    // spans arriving before their time partition exists would all land in the default partition
    await(rollups.preparePartitions(), WAIT, "creating the partitions of analytics.spans");
    Alerts alerts = Alerts.start(vertx, pool, config.alerts(), Clock.systemUTC());
    lifecycle.onStop("alert evaluation", alerts::stop);
    OtlpTraceReceiver otlp = new OtlpTraceReceiver(new SpanStore(pool));
    auth = await(CallerAuth.start(vertx, pool, config.postgres(), config.server().auth(),
        AnalyticsAccess.table(), "analytics", Clock.systemUTC()), WAIT, "analytics-svc: loading API keys");
    lifecycle.onStop("key ring", () -> await(auth.stop(), WAIT, "analytics-svc: stopping the key ring"));
    ServiceServer.Spec spec = new ServiceServer.Spec("analytics", config.server())
        .metrics(telemetry)
        .interceptors(auth.interceptors())
        .service(otlp)
        .routes(new OtlpHttpReceiver(otlp, auth.keys(), config.server().maxMessageBytes())::addTo)
        .service(new AnalyticsApi(pool, Clock.systemUTC()))
        .service(alerts.service())
        .readiness(ReadinessCheck.postgres(pool));
    server = await(ServiceServer.start(vertx, spec), WAIT, "BATON_ANALYTICS_PORT: cannot serve on "
        + config.server().host() + ":" + config.server().port());
    lifecycle.onStop("server", () -> await(server.close(), WAIT, "closing the analytics server"));
    rollups.start();
    lifecycle.onStop("rollup job", rollups::stop);
  }

  /**
   * Reloads this replica's API keys now if they changed (a key just created or revoked elsewhere),
   * instead of at the next BATON_AUTH_REFRESH_INTERVAL: for tools and tests that mint keys.
   */
  public void reloadKeys() {
    await(auth.keys().reloadIfChanged(), WAIT, "analytics-svc: reloading API keys");
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
    lifecycle.stop();
  }
}
