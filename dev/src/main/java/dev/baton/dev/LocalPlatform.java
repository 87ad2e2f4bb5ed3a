package dev.baton.dev;

import dev.baton.analytics.Analytics;
import dev.baton.analytics.AnalyticsConfig;
import dev.baton.common.config.Env;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.config.RedisConfig;
import dev.baton.examples.ExampleWorkflows;
import dev.baton.examples.provider.LeadProviderServer;
import dev.baton.executor.ExecutorConfig;
import dev.baton.executor.ExecutorNode;
import dev.baton.orchestrator.Orchestrator;
import dev.baton.orchestrator.OrchestratorConfig;
import dev.baton.progress.ProgressConfig;
import dev.baton.progress.ProgressServer;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.sdk.client.BatonClient;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Baton service in one JVM, configured by the same environment variables as in production.
 * PostgreSQL and Redis are embedded unless BATON_PG_HOST / BATON_REDIS_URI are set. Dev-only
 * settings: BATON_DEV_DATA_DIR [.baton] (embedded PostgreSQL data), BATON_DEV_EXECUTORS [1],
 * BATON_LEAD_PROVIDER_PORT [7240] (the example data provider), BATON_LEAD_PROVIDER_BACKUP_PORT [7241]
 * (a second one, where the example pipeline falls back to), BATON_DEV_EXAMPLES [true],
 * BATON_DEV_PROGRESS [true] (false leaves progress-svc out, e.g. to run it in a JVM of its own).
 * With progress-svc in, the orchestrator and analytics-svc allow the dashboard's origin (CORS) unless
 * BATON_ORCHESTRATOR_CORS_ORIGINS / BATON_ANALYTICS_CORS_ORIGINS say otherwise.
 * Every service exports its traces to the analytics-svc of the platform unless
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) says otherwise.
 */
public final class LocalPlatform implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

  private final Map<String, String> env;
  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> infrastructure = new ArrayList<>();
  private final List<Runnable> afterClose = new CopyOnWriteArrayList<>();
  private final List<Orchestrator> orchestrators = new CopyOnWriteArrayList<>();
  private final List<ExecutorNode> executors = new CopyOnWriteArrayList<>();
  private volatile ProgressServer progress;
  private final List<ProgressServer> progressReplicas = new CopyOnWriteArrayList<>();
  private Analytics analytics;
  private LeadProviderServer provider;
  private LeadProviderServer backupProvider;
  private BatonClient client;
  private DevKeys keys;

  private LocalPlatform(Map<String, String> env) {
    this.env = new HashMap<>(env);
  }

  /** Starts infrastructure (embedded where not configured), every service, and applies the examples. */
  public static LocalPlatform start(Map<String, String> env) {
    LocalPlatform platform = new LocalPlatform(env);
    try {
      platform.startAll();
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  private void startAll() {
    Env settings = new Env(env);
    if (!env.containsKey("BATON_PG_HOST")) {
      Path dataDir = Path.of(settings.string("BATON_DEV_DATA_DIR", ".baton")).resolve("postgres");
      LocalPostgres postgres = LocalPostgres.start(settings.bool("BATON_DEV_EPHEMERAL", false) ? null : dataDir);
      infrastructure.add(postgres);
      PostgresConfig pg = postgres.config(16);
      env.put("BATON_PG_HOST", pg.host());
      env.put("BATON_PG_PORT", Integer.toString(pg.port()));
      env.put("BATON_PG_DATABASE", pg.database());
      env.put("BATON_PG_USER", pg.user());
    }
    if (!env.containsKey("BATON_REDIS_URI")) {
      LocalRedis redis = LocalRedis.start();
      infrastructure.add(redis);
      env.put("BATON_REDIS_URI", redis.config("baton").uri());
    }
    provider = LeadProviderServer.start(settings.integer("BATON_LEAD_PROVIDER_PORT", LeadProviderServer.DEFAULT_PORT,
        0, 65535));
    env.putIfAbsent("BATON_LEAD_PROVIDER_URL", provider.url());
    System.setProperty("baton.leadProvider.url", env.get("BATON_LEAD_PROVIDER_URL"));
    backupProvider = LeadProviderServer.start(settings.integer("BATON_LEAD_PROVIDER_BACKUP_PORT",
        LeadProviderServer.DEFAULT_PORT + 1, 0, 65535));
    env.putIfAbsent("BATON_LEAD_PROVIDER_BACKUP_URL", backupProvider.url());
    System.setProperty("baton.leadProvider.backup.url", env.get("BATON_LEAD_PROVIDER_BACKUP_URL"));

    boolean withProgress = settings.bool("BATON_DEV_PROGRESS", true);
    if (withProgress) {
      allowDashboardOrigin(settings);
    }
    keys = DevKeys.create(vertx, PostgresConfig.from(new Env(env)));
    keys.afterChange(this::reloadKeys);
    // the executors' key: the platform's own, whatever key the shell that started it holds
    env.put("BATON_API_KEY", keys.executorSecret());
    env.putIfAbsent("OTEL_EXPORTER_OTLP_HEADERS", keys.otlpHeaders());
    // first of the services, so that every service exports its spans to it (unless OTEL_* point elsewhere)
    analytics = Analytics.create(AnalyticsConfig.from(new Env(env)), vertx).start();
    env.put("BATON_ANALYTICS_PORT", Integer.toString(analytics.port()));
    env.put("BATON_ANALYTICS_TARGET", "localhost:" + analytics.port());
    env.putIfAbsent("OTEL_EXPORTER_OTLP_ENDPOINT", analytics.otlpEndpoint());
    env.putIfAbsent("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");

    Orchestrator first = startOrchestrator(Map.of());
    env.put("BATON_ORCHESTRATOR_TARGET", first.target());
    client = BatonClient.connect(first.target(), keys.tenantAdmin());
    int executorCount = settings.integer("BATON_DEV_EXECUTORS", 1, 0, 64);
    for (int i = 0; i < executorCount; i++) {
      startExecutor(Map.of());
    }
    if (withProgress) {
      startProgress();
    }
    if (settings.bool("BATON_DEV_EXAMPLES", true)) {
      applyExamples();
    }
  }

  /**
   * The dashboard (served by progress-svc) calls the orchestrator and analytics-svc from its own
   * origin, so both must allow that origin before they start. Its port must therefore be known up
   * front: a port of 0 is resolved to a free port here (a small race with other processes, fine
   * for a dev stack). BATON_ORCHESTRATOR_CORS_ORIGINS / BATON_ANALYTICS_CORS_ORIGINS, when set, win.
   */
  private void allowDashboardOrigin(Env settings) {
    int port = settings.integer("BATON_PROGRESS_PORT", ProgressConfig.DEFAULT_PORT, 0, 65535);
    if (port == 0) {
      port = freePort();
      env.put("BATON_PROGRESS_PORT", Integer.toString(port));
    }
    String origins = "http://localhost:" + port + ",http://127.0.0.1:" + port;
    env.putIfAbsent("BATON_ORCHESTRATOR_CORS_ORIGINS", origins);
    env.putIfAbsent("BATON_ANALYTICS_CORS_ORIGINS", origins);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for progress-svc: " + e.getMessage(), e);
    }
  }

  /** Starts one more orchestrator replica against the same database and Redis. */
  public Orchestrator startOrchestrator(Map<String, String> overrides) {
    Map<String, String> vars = new HashMap<>(env);
    if (!orchestrators.isEmpty()) {
      vars.put("BATON_ORCHESTRATOR_PORT", "0");
    }
    vars.putAll(overrides);
    Orchestrator orchestrator = Orchestrator.create(OrchestratorConfig.from(new Env(vars)), vertx).start();
    orchestrators.add(orchestrator);
    return orchestrator;
  }

  /** Starts one more executor (in this JVM), reporting to the first orchestrator. */
  public ExecutorNode startExecutor(Map<String, String> overrides) {
    Map<String, String> vars = new HashMap<>(env);
    if (!executors.isEmpty()) {
      vars.put("BATON_EXECUTOR_PORT", "0");
    }
    vars.remove("BATON_EXECUTOR_ID");
    vars.putAll(overrides);
    ExecutorNode executor = ExecutorNode.create(ExecutorConfig.from(new Env(vars)), vertx).start();
    executors.add(executor);
    try {
      if (!executor.awaitRegistered(Duration.ofSeconds(30))) {
        log.warn("executor {} has not registered with {} after 30s; definitions using its handlers are "
            + "rejected until it does", executor.executorId(), vars.get("BATON_ORCHESTRATOR_TARGET"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return executor;
  }

  public void applyExamples() {
    for (String source : ExampleWorkflows.all()) {
      client.workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(source).build());
    }
  }

  /** The environment every service of this platform was started with (resolved infrastructure included). */
  public Map<String, String> env() {
    return Map.copyOf(env);
  }

  public PostgresConfig postgres() {
    return PostgresConfig.from(new Env(env));
  }

  public RedisConfig redis() {
    return RedisConfig.from(new Env(env));
  }

  /** A client of the orchestrator with the {@code default} tenant's admin key. */
  public BatonClient client() {
    return client;
  }

  /** Every running service reloads its API keys now (after a key was created or revoked). */
  public void reloadKeys() {
    List<Runnable> reloads = new ArrayList<>();
    if (analytics != null) {
      reloads.add(analytics::reloadKeys);
    }
    orchestrators.forEach(o -> reloads.add(o::reloadKeys));
    ProgressServer current = progress;
    if (current != null) {
      reloads.add(current::reloadKeys);
    }
    progressReplicas.forEach(p -> reloads.add(p::reloadKeys));
    for (Runnable reload : reloads) {
      try {
        reload.run();
      } catch (RuntimeException e) {
        // a replica a test has stopped (or killed) has no key ring to reload; the others still do
        log.info("a stopped service did not reload its API keys: {}", e.toString());
      }
    }
  }

  /** The platform's keys: the default tenant's admin, a platform admin, and new keys for tests. */
  public DevKeys keys() {
    return keys;
  }

  public List<Orchestrator> orchestrators() {
    return orchestrators;
  }

  public List<ExecutorNode> executors() {
    return executors;
  }

  public LeadProviderServer provider() {
    return provider;
  }

  /** The second example provider, the lead pipeline's fallback ({@code config: {provider: backup}}). */
  public LeadProviderServer backupProvider() {
    return backupProvider;
  }

  /** Starts progress-svc (again, after {@link #stopProgress}); a restart keeps its port. */
  public synchronized ProgressServer startProgress() {
    if (progress != null) {
      throw new IllegalStateException("progress-svc is running already");
    }
    progress = ProgressServer.create(ProgressConfig.from(new Env(env)), vertx).start();
    // a restart listens where clients already point
    env.put("BATON_PROGRESS_PORT", Integer.toString(progress.port()));
    return progress;
  }

  /** Stops progress-svc (its watch streams end); {@link #startProgress} brings it back on the same port. */
  public synchronized void stopProgress() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
  }

  /**
   * Starts one more progress-svc replica on a port of its own against the same PostgreSQL and
   * Redis; it is closed with the platform (closing it earlier is fine).
   */
  public ProgressServer startProgressReplica() {
    return startProgressReplica(Map.of());
  }

  /**
   * {@link #startProgressReplica()} with some settings of its own, e.g. another
   * {@code BATON_REDIS_PREFIX}, which leaves it without the event fan-out (it then learns every
   * event from its sweep of the event log).
   */
  public ProgressServer startProgressReplica(Map<String, String> overrides) {
    Map<String, String> vars = new HashMap<>(env);
    vars.put("BATON_PROGRESS_PORT", "0");
    vars.putAll(overrides);
    ProgressServer replica = ProgressServer.create(ProgressConfig.from(new Env(vars)), vertx).start();
    progressReplicas.add(replica);
    return replica;
  }

  /** progress-svc of this JVM; null when BATON_DEV_PROGRESS is false or it was stopped. */
  public ProgressServer progress() {
    return progress;
  }

  /** Where gRPC clients reach progress-svc, e.g. "localhost:7234". */
  public String progressTarget() {
    return progress.target();
  }

  /** analytics-svc: the OTLP receiver every service of this platform exports its traces to. */
  public Analytics analytics() {
    return analytics;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Runs {@code action} once everything has stopped (e.g. a test dropping its database). */
  public void whenClosed(Runnable action) {
    afterClose.add(action);
  }

  /** Gracefully stops everything, services first, then infrastructure. */
  @Override
  public void close() {
    closeQuietly(client == null ? null : client::close, "client");
    executors.forEach(e -> closeQuietly(e::close, "executor " + e.executorId()));
    orchestrators.forEach(o -> closeQuietly(o::close, "orchestrator"));
    closeQuietly(this::stopProgress, "progress-svc");
    progressReplicas.forEach(p -> closeQuietly(p, "progress-svc replica"));
    closeQuietly(analytics, "analytics-svc");
    closeQuietly(provider, "lead provider");
    closeQuietly(backupProvider, "backup lead provider");
    closeQuietly(keys, "key pool");
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close within 10s ({}); exiting anyway", e.toString());
    }
    for (int i = infrastructure.size() - 1; i >= 0; i--) {
      closeQuietly(infrastructure.get(i), "embedded infrastructure");
    }
    afterClose.forEach(action -> closeQuietly(action::run, "after-close action"));
  }

  private static void closeQuietly(AutoCloseable closeable, String what) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("{} did not stop cleanly: {}", what, e.toString());
    }
  }
}
