package dev.baton.orchestrator;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.postgres.PgPoolGauges;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.redis.RedisClients;
import dev.baton.common.server.ReadinessCheck;
import dev.baton.common.server.ServiceServer;
import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.callers.CallerAuth;
import dev.baton.common.auth.KeyStore;
import dev.baton.orchestrator.api.Replies;
import dev.baton.orchestrator.audit.AuditApi;
import dev.baton.orchestrator.keys.KeyApi;
import dev.baton.orchestrator.keys.PlatformAdminBootstrap;
import dev.baton.orchestrator.api.CircuitApi;
import dev.baton.orchestrator.api.ExecutorApi;
import dev.baton.orchestrator.api.NotificationApi;
import dev.baton.orchestrator.circuit.CircuitStates;
import dev.baton.orchestrator.notify.NotificationChannels;
import dev.baton.orchestrator.notify.NotificationDeliveries;
import dev.baton.orchestrator.notify.NotificationLoop;
import dev.baton.orchestrator.api.WorkflowApi;
import dev.baton.orchestrator.transition.LeaseReconciler;
import dev.baton.orchestrator.dispatch.EventPublisher;
import dev.baton.orchestrator.dispatch.ExecutionSpans;
import dev.baton.orchestrator.dispatch.TaskDispatcher;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.engine.ExecutionEngine;
import dev.baton.orchestrator.transition.TransitionBatcher;
import dev.baton.orchestrator.execution.ExecutionCalls;
import dev.baton.orchestrator.execution.TaskResults;
import dev.baton.orchestrator.metrics.OrchestratorMetrics;
import dev.baton.orchestrator.metrics.QueueGauges;
import dev.baton.orchestrator.store.ExecutionQueries;
import dev.baton.orchestrator.store.ExecutionReads;
import dev.baton.orchestrator.store.ExecutionStore;
import dev.baton.orchestrator.store.HandlerRegistry;
import dev.baton.orchestrator.store.Schema;
import dev.baton.orchestrator.store.TaskLeases;
import dev.baton.orchestrator.store.TaskRequeues;
import dev.baton.orchestrator.store.WorkflowStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The orchestrator's one wiring entry point: built from its config, started, closed. Its main,
 * the all-in-one dev launcher and the tests all assemble it through here.
 */
public final class Orchestrator implements AutoCloseable {
  /** How long start and stop wait for each step (listening, closing the server and the pool). */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final OrchestratorConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final ServiceLifecycle lifecycle = new ServiceLifecycle("orchestrator");
  private CallerAuth auth;
  private ServiceServer server;

  private Orchestrator(OrchestratorConfig config, Vertx vertx, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static Orchestrator create(OrchestratorConfig config, Vertx vertx) {
    return new Orchestrator(config, vertx, Clock.systemUTC());
  }

  /**
   * Migrates the schema, connects, and starts serving. Blocks until listening; fails fast, closing
   * again what it opened.
   *
   * @throws IllegalStateException when it cannot start, or was started before
   */
  public Orchestrator start() {
    lifecycle.start(this::startComponents);
    return this;
  }

  /** Each step registers how to close what it opened, so that a failing step closes what came before. */
  private void startComponents() {
    Schema.migrate(config.postgres());
    // closed last: flushes the spans of executions that ended while stopping
    Telemetry telemetry = Telemetry.start(config.telemetry());
    lifecycle.onStop("telemetry", telemetry::close);
    Pool pool = PgPools.create(vertx, config.postgres());
    lifecycle.onStop("database pool", () -> await(pool.close(), WAIT, "orchestrator: closing the database pool"));
    RedisClient redisClient = RedisClients.create(config.redis());
    lifecycle.onStop("redis client", redisClient::shutdown);
    StatefulRedisConnection<String, byte[]> redis =
        redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    lifecycle.onStop("redis connection", redis::close);

    ExecutionReads reads = new ExecutionReads();
    WorkflowStore workflows = new WorkflowStore(pool);
    HandlerRegistry handlers = new HandlerRegistry(pool);
    OrchestratorMetrics metrics = new OrchestratorMetrics(telemetry.meter());
    QueueGauges.register(telemetry.meter(), pool, config.redis(), redis, metrics.redisErrors());
    PgPoolGauges.register(telemetry.meter(), pool, config.postgres().poolSize());
    TaskDispatcher dispatcher = new TaskDispatcher(config.redis(), redis, clock, metrics);
    ExecutionEngine engine = new ExecutionEngine(clock, () -> ThreadLocalRandom.current().nextDouble(),
        config.taskLease());
    EventPublisher events = new EventPublisher(config.redis(), redis, config.eventStreamMaxLength(),
        metrics.redisErrors());
    ExecutionDriver driver = new ExecutionDriver(pool, reads, new ExecutionStore(), new TaskRequeues(), workflows,
        engine, dispatcher, events, new ExecutionSpans(telemetry.tracer(), clock), metrics);
    ExecutionQueries queries = new ExecutionQueries(pool, reads, workflows);
    TransitionBatcher batcher = new TransitionBatcher(driver, 500, 4);
    ExecutionCalls executions = new ExecutionCalls(workflows, queries, driver, batcher, engine.interventions(), clock);

    auth = await(CallerAuth.start(vertx, pool, config.postgres(), config.server().auth(),
        OrchestratorAccess.table(), "orchestrator", clock), WAIT, "orchestrator: loading API keys");
    lifecycle.onStop("key ring", () -> await(auth.stop(), WAIT, "orchestrator: stopping the key ring"));
    if (config.bootstrapAdminKeyFile() != null) {
      await(new PlatformAdminBootstrap(pool, new KeyStore(pool)).createIfNone(config.bootstrapAdminKeyFile()), WAIT,
          "orchestrator: creating the first platform admin key");
    }
    ServiceServer.Spec spec = new ServiceServer.Spec("orchestrator", config.server())
        .metrics(telemetry)
        .interceptors(auth.interceptors())
        .service(new WorkflowApi(workflows, handlers, executions, config.maxInputBytes()))
        .service(new ExecutorApi(new TaskResults(driver, batcher), handlers, new TaskLeases(pool), config.taskLease(),
            telemetry.tracer()))
        .service(new CircuitApi(new CircuitStates(config.redis(), redis, clock)))
        .service(new NotificationApi(new NotificationChannels(pool), new NotificationDeliveries(pool)))
        .service(new KeyApi(new KeyStore(pool), auth.keys(), clock, Replies::toStatus))
        .service(new AuditApi(pool, Replies::toStatus))
        .readiness(ReadinessCheck.postgres(pool))
        .readiness(ReadinessCheck.redis(redis));
    server = await(ServiceServer.start(vertx, spec), WAIT, "orchestrator: serving on port " + config.server().port());
    lifecycle.onStop("server", () -> await(server.close(), WAIT, "orchestrator: closing the server"));
    LeaseReconciler reconciler = new LeaseReconciler(vertx, pool, driver, dispatcher, config.timerPollInterval(),
        config.taskLease(), config.maxDeliveries());
    reconciler.start();
    lifecycle.onStop("lease reconciler", reconciler::stop);
    NotificationLoop notifications = new NotificationLoop(vertx, pool, redis, config.redis(), workflows,
        config.notifications(), clock);
    notifications.start();
    lifecycle.onStop("notification loop", notifications::stop);
  }

  /**
   * Reloads this replica's API keys now if they changed (a key just created or revoked elsewhere),
   * instead of at the next BATON_AUTH_REFRESH_INTERVAL: for tools and tests that mint keys.
   */
  public void reloadKeys() {
    await(auth.keys().reloadIfChanged(), WAIT, "orchestrator: reloading API keys");
  }

  public int port() {
    return server.port();
  }

  public String target() {
    return "localhost:" + port();
  }

  /** Stops serving and releases connections. Idempotent. Work in flight is resumed by any replica. */
  @Override
  public void close() {
    lifecycle.stop();
  }
}
