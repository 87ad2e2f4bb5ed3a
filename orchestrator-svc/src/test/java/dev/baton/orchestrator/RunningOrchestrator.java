package dev.baton.orchestrator;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.common.auth.AuthSchema;
import dev.baton.common.auth.KeyStore;
import dev.baton.common.config.Env;
import dev.baton.common.postgres.PgPools;
import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.Role;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import dev.baton.testkit.TestPostgres;
import dev.baton.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An orchestrator started for real (its own database, Redis key prefix and Vert.x) and the API keys
 * a test calls it with. Keys made by {@link #apiKey} before {@link #start} are known to it from the
 * start; {@link #close} closes the clients, the orchestrator and the rest, and drops the database.
 */
public final class RunningOrchestrator implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestPostgres.Database db;
  private final Vertx vertx;
  private final OrchestratorConfig config;
  private final Deque<BatonClient> clients = new ArrayDeque<>();
  private Pool pool;
  private Orchestrator orchestrator;

  public RunningOrchestrator(String name) {
    db = TestPostgres.createDatabase("baton_" + name);
    vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>(db.env());
    env.putAll(TestRedis.env(name + "-" + UUID.randomUUID()));
    env.put("BATON_ORCHESTRATOR_HOST", "127.0.0.1");
    env.put("BATON_ORCHESTRATOR_PORT", "0");
    // no collector here: an exporter retrying against nothing would stretch every stop by its flush
    env.put("OTEL_TRACES_EXPORTER", "none");
    config = OrchestratorConfig.from(new Env(env));
  }

  /** A new key of {@code tenant} (null: platform-wide) with {@code role}; its secret. */
  public String apiKey(String tenant, Role role) {
    if (pool == null) {
      AuthSchema.migrate(config.postgres());
      pool = PgPools.create(vertx, config.postgres());
    }
    return await(new KeyStore(pool).create(tenant, role, "test-" + RoleNames.name(role), null, "test"), WAIT,
        "creating an API key").secret().text();
  }

  public RunningOrchestrator start() {
    orchestrator = Orchestrator.create(config, vertx).start();
    return this;
  }

  public Orchestrator orchestrator() {
    return orchestrator;
  }

  /** A client calling with {@code apiKey}, as users do; closed with this. */
  public BatonClient client(String apiKey) {
    BatonClient client = BatonClient.connect("127.0.0.1:" + orchestrator.port(), BatonCredentials.apiKey(apiKey));
    clients.push(client);
    return client;
  }

  @Override
  public void close() {
    while (!clients.isEmpty()) {
      clients.pop().close();
    }
    if (orchestrator != null) {
      orchestrator.close();
    }
    if (pool != null) {
      await(pool.close(), WAIT, "closing the test's pool");
    }
    await(vertx.close(), WAIT, "closing Vert.x");
    db.close();
  }
}
