package dev.baton.progress;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.postgres.PgPoolGauges;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.redis.RedisClients;
import dev.baton.common.server.ReadinessCheck;
import dev.baton.common.server.ServiceServer;
import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.telemetry.TelemetryConfig;
import dev.baton.common.callers.CallerAuth;
import dev.baton.progress.api.ListWatches;
import dev.baton.progress.api.ProgressApi;
import dev.baton.progress.api.WatchLimits;
import dev.baton.progress.api.WatchMetrics;
import dev.baton.progress.dashboard.DashboardRoutes;
import dev.baton.progress.eta.StepHistories;
import dev.baton.progress.fanout.EventStreamReader;
import dev.baton.progress.hub.ProgressHub;
import dev.baton.progress.store.ExecutionList;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.progress.store.ReadQueue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * progress-svc's one wiring entry point: built from its config, started, closed. Its main, the
 * all-in-one dev launcher and the tests all assemble it through here. It serves the dashboard
 * ({@link DashboardRoutes}); further HTTP routes can be added with {@link #routes} before {@link #start}.
 */
public final class ProgressServer implements AutoCloseable {
  /** How long start and stop wait for each step (listening, closing the server and the pool). */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int POOL_KEPT_FREE = 2;
  private final ProgressConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final List<Consumer<Router>> extraRoutes = new ArrayList<>();
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("progress-svc");
  private CallerAuth auth;
  private ServiceServer server;

  private ProgressServer(ProgressConfig config, Vertx vertx, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static ProgressServer create(ProgressConfig config, Vertx vertx) {
    return new ProgressServer(config, vertx, Clock.systemUTC());
  }

  /** Adds HTTP routes served on the same port (e.g. the dashboard's files). Call before {@link #start}. */
  public ProgressServer routes(Consumer<Router> routes) {
    extraRoutes.add(Objects.requireNonNull(routes, "routes"));
    return this;
  }

  /**
   * Connects to PostgreSQL and Redis, starts reading the fan-out, and serves. Blocks until listening;
   * fails fast, closing again what it opened.
   *
   * @throws IllegalStateException when it cannot start, or was started before
   */
  public ProgressServer start() {
    lifecycle.start(this::startComponents);
    return this;
  }

  /** Each step registers how to close what it opened, so that a failing step closes what came before. */
  private void startComponents() {
    // metrics only (docs/metrics.md): progress-svc makes no spans yet
    Telemetry telemetry = Telemetry.start(TelemetryConfig.disabled("progress-svc"));
    lifecycle.onStop("telemetry", telemetry::close);
    Pool pool = PgPools.create(vertx, config.postgres());
    lifecycle.onStop("database pool", () -> await(pool.close(), WAIT, "progress-svc: closing the database pool"));
    PgPoolGauges.register(telemetry.meter(), pool, config.postgres().poolSize());
    RedisClient redisClient = RedisClients.create(config.redis());
    lifecycle.onStop("redis client", redisClient::shutdown);
    StatefulRedisConnection<String, String> redis = redisClient.connect();
    lifecycle.onStop("redis connection", redis::close);
    ExecutionLog executionLog = new ExecutionLog(pool, new ReadQueue(logReadsAtOnce(config), telemetry.meter()));
    StepHistories histories = new StepHistories(pool, clock, config.etaRuns(), config.etaCache());
    ProgressHub hub = new ProgressHub(vertx, executionLog, histories, clock);
    lifecycle.onStop("progress hub", hub::close);
    hub.startSweep(config.sweepInterval());
    EventStreamReader reader = new EventStreamReader(redisClient, config.redis(), hub::publish).start();
    lifecycle.onStop("event stream reader", reader::close);
    ListWatches lists = new ListWatches(vertx, hub, new ExecutionList(pool), executionLog, config.listInterval());

    auth = await(CallerAuth.start(vertx, pool, config.postgres(), config.server().auth(),
        ProgressAccess.table(), "progress", clock), WAIT, "progress-svc: loading API keys");
    lifecycle.onStop("key ring", () -> await(auth.stop(), WAIT, "progress-svc: stopping the key ring"));
    ServiceServer.Spec spec = new ServiceServer.Spec("progress", config.server())
        .metrics(telemetry)
        .interceptors(auth.interceptors())
        .service(new ProgressApi(hub, lists, new WatchLimits(config.watcherBuffer(), config.slowWatcherTimeout()), clock,
            new WatchMetrics(telemetry.meter())))
        .readiness(ReadinessCheck.postgres(pool))
        .readiness(ReadinessCheck.redis(redis))
        .routes(router -> {
          new DashboardRoutes(config.dashboard()).accept(router);
          extraRoutes.forEach(r -> r.accept(router));
        });
    server = await(ServiceServer.start(vertx, spec), WAIT, "progress-svc: serving on port " + config.server().port());
    lifecycle.onStop("server", () -> await(server.close(), WAIT, "progress-svc: closing the server"));
  }

  /**
   * Event-log reads run at once: all of the pool but {@link #POOL_KEPT_FREE} connections, which the
   * step histories, list watches and readiness checks then find free even in a reconnect storm.
   */
  static int logReadsAtOnce(ProgressConfig config) {
    return Math.max(1, config.postgres().poolSize() - POOL_KEPT_FREE);
  }

  /**
   * Reloads this replica's API keys now if they changed (a key just created or revoked elsewhere),
   * instead of at the next BATON_AUTH_REFRESH_INTERVAL: for tools and tests that mint keys.
   */
  public void reloadKeys() {
    await(auth.keys().reloadIfChanged(), WAIT, "progress-svc: reloading API keys");
  }

  public int port() {
    return server.port();
  }

  /** Where gRPC clients reach it, e.g. "localhost:7234". */
  public String target() {
    return "localhost:" + port();
  }

  /** Stops serving, reading and watching; open streams end. Idempotent. */
  @Override
  public void close() {
    lifecycle.stop();
  }
}
