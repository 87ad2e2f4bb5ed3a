package dev.baton.executor;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.redis.RedisClients;
import dev.baton.common.redis.RedisCommandErrors;
import dev.baton.common.server.ReadinessCheck;
import dev.baton.common.server.ServiceServer;
import dev.baton.common.telemetry.Telemetry;
import dev.baton.common.time.DurationParser;
import dev.baton.executor.circuit.CircuitBreakers;
import dev.baton.executor.circuit.CircuitGuard;
import dev.baton.executor.circuit.CircuitMetrics;
import dev.baton.executor.handlers.BuiltInHandlers;
import dev.baton.executor.orchestrator.ExecutorRegistration;
import dev.baton.executor.orchestrator.LeaseHeartbeats;
import dev.baton.executor.orchestrator.ResultReporter;
import dev.baton.executor.queue.TaskStreamReader;
import dev.baton.executor.run.AttemptMetrics;
import dev.baton.executor.run.HandlerRegistry;
import dev.baton.executor.run.TaskRunner;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc.ExecutorServiceFutureStub;
import dev.baton.proto.internal.v1.RegisterExecutorRequest;
import dev.baton.sdk.handler.StepHandler;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor service, wired from its configuration: queue readers, the worker pool, the gRPC
 * client to the orchestrator (results, heartbeats, registration) and the health endpoints. The one
 * way to assemble an executor: {@link ExecutorMain}, the dev launcher and tests all use it.
 *
 * <p>Lifecycle: {@link #create} (no I/O), {@link #start} (fails fast), {@link #close} (graceful,
 * idempotent) or {@link #kill} (abrupt, like a crash, for fault tests).
 */
public final class ExecutorNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorNode.class);
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration READER_STOP_WAIT = Duration.ofSeconds(3);
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);
  private static final Duration SERVER_WAIT = Duration.ofSeconds(10);

  private final ExecutorConfig config;
  private final Vertx vertx;
  private final HandlerRegistry handlers;
  private final Clock clock;
  private final ServiceLifecycle lifecycle;

  private final List<TaskStreamReader> readers = new ArrayList<>();
  private final List<Thread> readerThreads = new ArrayList<>();
  private ScheduledThreadPoolExecutor scheduler;
  private ManagedChannel channel;
  private RedisClient redis;
  private TaskRunner runner;
  private ResultReporter reporter;
  private ExecutorRegistration registration;
  private ServiceServer server;

  private ExecutorNode(ExecutorConfig config, Vertx vertx, HandlerRegistry handlers, Clock clock) {
    this.config = config;
    this.vertx = vertx;
    this.handlers = handlers;
    this.clock = clock;
    this.lifecycle = new ServiceLifecycle("executor " + config.executorId());
  }

  /** An executor with the built-in handlers and those found with ServiceLoader. */
  public static ExecutorNode create(ExecutorConfig config, Vertx vertx) {
    return create(config, vertx, List.of());
  }

  /**
   * Like {@link #create(ExecutorConfig, Vertx)}, plus the given handler instances (tests, the dev
   * launcher). The Vert.x instance hosts the health endpoints and stays owned by the caller.
   *
   * @throws IllegalArgumentException when two different handler classes claim one name
   */
  public static ExecutorNode create(ExecutorConfig config, Vertx vertx, List<? extends StepHandler> extraHandlers) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(extraHandlers, "extraHandlers");
    List<StepHandler> explicit = new ArrayList<>(BuiltInHandlers.all());
    explicit.addAll(extraHandlers);
    return new ExecutorNode(config, vertx, HandlerRegistry.discover(explicit), Clock.systemUTC());
  }

  public String executorId() {
    return config.executorId();
  }

  /** Handler names this executor announces. */
  public List<String> handlerNames() {
    return handlers.names();
  }

  /**
   * Waits until the orchestrator knows this executor's handlers (registration runs in the
   * background so that an executor may start before the orchestrator).
   */
  public boolean awaitRegistered(java.time.Duration timeout) throws InterruptedException {
    return registration.awaitRegistered(timeout);
  }

  /** Attempts running on this executor now. */
  public synchronized int inFlight() {
    return runner == null ? 0 : runner.runningTaskIds().size();
  }

  /** Port of the health endpoints (useful with BATON_EXECUTOR_PORT=0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("executor " + executorId() + " is not started");
    }
    return server.port();
  }

  /**
   * Connects to Redis, joins the consumer group of every task queue, starts reading and serving
   * health. Registration with the orchestrator happens in the background (it may not be up yet).
   * When a step fails, what the earlier ones opened is closed again.
   *
   * @throws IllegalStateException when Redis cannot be reached, the health port cannot be bound, or
   *     this executor was started before
   */
  public synchronized ExecutorNode start() {
    lifecycle.start(this::startComponents);
    log.info("executor {} started: queues {}, concurrency {}, handlers {}", executorId(), config.taskQueues(),
        config.concurrency(), handlers.names());
    return this;
  }

  /** Each step registers how to close what it opened, so that a failing step closes what came before. */
  private void startComponents() {
    // closed last, so that spans of attempts stopped at shutdown are flushed
    Telemetry telemetry = Telemetry.start(config.telemetry());
    lifecycle.onStop("telemetry", telemetry::close);
    scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "baton-executor-control");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true); // attempt timers are cancelled far more often than they fire
    lifecycle.onStop("control thread", scheduler::shutdownNow);

    // direct executor: the callbacks (result acks, heartbeat answers) are short and non-blocking,
    // so they run on the transport thread instead of paying a hop to a thread pool per call
    channel = Grpc.newChannelBuilder(config.orchestratorTarget(), InsecureChannelCredentials.create())
        .directExecutor()
        .build();
    lifecycle.onStop("orchestrator channel", channel::shutdownNow);
    ExecutorServiceFutureStub orchestrator = ExecutorServiceGrpc.newFutureStub(channel)
        .withInterceptors(config.credentials().interceptor());

    reporter = new ResultReporter(executorId(), orchestrator, scheduler);
    redis = RedisClients.create(config.redis());
    lifecycle.onStop("redis client", () -> redis.shutdown(0, 2, TimeUnit.SECONDS));
    StatefulRedisConnection<String, String> circuits = connectStrings();
    CircuitGuard guard = new CircuitGuard(new CircuitBreakers(config.redis(), circuits), config.circuits(), clock,
        new CircuitMetrics(telemetry.meter()));
    runner = new TaskRunner(handlers, config.concurrency(), reporter, scheduler, clock, telemetry.tracer(),
        guard, new AttemptMetrics(telemetry.meter(), java.util.Set.copyOf(handlers.names())));
    lifecycle.onStop("worker pool", () -> {
      runner.cancelAll();
      runner.shutdownNow();
    });
    AttemptMetrics.registerSlots(telemetry.meter(), runner::runningCount, config.concurrency());
    scheduler.scheduleWithFixedDelay(
        new LeaseHeartbeats(executorId(), orchestrator, runner, config.heartbeatInterval()),
        config.heartbeatInterval().toMillis(), config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);

    startReaders(telemetry.meter());

    registration = new ExecutorRegistration(RegisterExecutorRequest.newBuilder()
        .setExecutorId(executorId())
        .addAllTaskQueues(config.taskQueues())
        .addAllHandlers(handlers.names())
        .build(), orchestrator, scheduler);
    registration.start();
    lifecycle.onStop("registration", registration::stop);

    StatefulRedisConnection<String, byte[]> probe = connect();
    server = await(ServiceServer.start(vertx, new ServiceServer.Spec("executor-svc", config.server())
        .metrics(telemetry)
        .readiness(ReadinessCheck.of("redis", () -> ping(probe)))), SERVER_WAIT,
        "BATON_EXECUTOR_PORT: cannot serve health endpoints on " + config.server().host() + ":"
            + config.server().port());
    lifecycle.onStop("health server", () -> await(server.close(), SERVER_WAIT, "closing the health server"));
  }

  private void startReaders(io.opentelemetry.api.metrics.Meter meter) {
    StatefulRedisConnection<String, byte[]> acks = connect();
    int fairShare = (config.concurrency() + config.taskQueues().size() - 1) / config.taskQueues().size();
    RedisCommandErrors redisErrors = new RedisCommandErrors(meter);
    for (String queue : config.taskQueues()) {
      TaskStreamReader reader = new TaskStreamReader(queue, config.redis().taskStream(queue), executorId(),
          connect(), acks.async(), runner, fairShare, redisErrors);
      reader.ensureGroup();
      readers.add(reader);
    }
    lifecycle.onStop("queue readers", () -> readers.forEach(TaskStreamReader::stop));
    for (int i = 0; i < readers.size(); i++) {
      // Not a daemon: the readers are what keeps an executor process alive.
      Thread thread = new Thread(readers.get(i), "baton-queue-" + config.taskQueues().get(i));
      thread.start();
      readerThreads.add(thread);
    }
  }

  private StatefulRedisConnection<String, String> connectStrings() {
    try {
      return redis.connect();
    } catch (RedisException e) {
      throw new IllegalStateException("BATON_REDIS_URI: cannot connect to " + config.redis().uri() + ": "
          + e.getMessage(), e);
    }
  }

  private StatefulRedisConnection<String, byte[]> connect() {
    try {
      return redis.connect(CODEC);
    } catch (RedisException e) {
      throw new IllegalStateException("BATON_REDIS_URI: cannot connect to " + config.redis().uri() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Graceful stop: reads no more tasks, lets running ones finish within BATON_EXECUTOR_SHUTDOWN_GRACE
   * (leases keep being renewed meanwhile), delivers their results, then stops what is left without
   * reporting it (the orchestrator dispatches those again). Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (lifecycle.stop(this::drain)) {
      log.info("executor {} stopped", executorId());
    }
  }

  /** What a graceful stop does while everything is still open; {@link #close} then closes it all. */
  private void drain() {
    log.info("executor {} stopping: waiting up to {} for {} running tasks", executorId(),
        DurationParser.format(config.shutdownGrace()),
        runner.runningTaskIds().size());
    stopReaders();
    try {
      if (!runner.drain(config.shutdownGrace())) {
        List<String> stopped = runner.cancelAll();
        runner.shutdownNow();
        log.warn("shutdown grace of {} elapsed; stopped {} tasks without reporting them: {}. The orchestrator "
            + "dispatches them again when their leases expire", DurationParser.format(config.shutdownGrace()),
            stopped.size(), stopped);
      }
      if (!reporter.flush(FLUSH_WAIT)) {
        log.warn("results could not be delivered within {} of shutdown", DurationParser.format(FLUSH_WAIT));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runner.cancelAll();
      runner.shutdownNow();
    }
    reporter.stop();
  }

  /**
   * Abrupt stop for fault tests: everything ends at once and nothing more is reported or
   * acknowledged, as if the process had crashed. Running tasks are left to the orchestrator's lease.
   */
  public synchronized void kill() {
    boolean killed = lifecycle.stop(() -> {
      readers.forEach(TaskStreamReader::stop);
      reporter.discard();
    });
    if (killed) {
      log.warn("executor {} killed (abrupt stop): running tasks were abandoned", executorId());
    }
  }

  private void stopReaders() {
    readers.forEach(TaskStreamReader::stop);
    for (Thread thread : readerThreads) {
      try {
        thread.join(READER_STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        log.warn("queue reader {} did not stop within {}; closing its connection", thread.getName(),
            DurationParser.format(READER_STOP_WAIT));
      }
    }
  }

  private Future<String> ping(StatefulRedisConnection<String, byte[]> connection) {
    Promise<String> pong = Promise.promise();
    connection.async().ping().whenComplete((reply, error) -> {
      if (error == null) {
        pong.complete(reply);
      } else {
        pong.fail(error);
      }
    });
    return pong.future();
  }
}
