package dev.baton.analytics;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.analytics.rollup.RollupConfig;
import dev.baton.analytics.store.AnalyticsSchema;
import dev.baton.common.auth.AuthSchema;
import dev.baton.common.auth.KeyStore;
import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.server.ServerConfig;
import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.Role;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What analytics-svc's integration tests run on: a database of their own ({@link TestDatabase}),
 * a Vert.x, API keys, and the replicas, pool and channels a test opens through it. {@link #close}
 * closes all of them, the last opened first, and drops the database.
 */
public final class AnalyticsFixture implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ServiceLifecycle opened = new ServiceLifecycle("analytics test fixture");
  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;
  private boolean authMigrated;

  private AnalyticsFixture() {}

  /** A fresh database and a Vert.x. */
  public static AnalyticsFixture create() {
    AnalyticsFixture fixture = new AnalyticsFixture();
    fixture.opened.start(() -> {
      fixture.db = TestDatabase.create();
      fixture.opened.onStop("database", fixture.db::close);
      fixture.vertx = Vertx.vertx();
      fixture.opened.onStop("Vert.x", () -> await(fixture.vertx.close(), WAIT, "closing Vert.x"));
    });
    return fixture;
  }

  public TestDatabase database() {
    return db;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A pool on the database with analytics-svc's schema migrated (for tests of one component). */
  public synchronized Pool migratedPool() {
    if (pool == null) {
      AnalyticsSchema.migrate(db.config());
      pool = PgPools.create(vertx, db.config());
      opened.onStop("pool", () -> await(pool.close(), WAIT, "closing the pool"));
    }
    return pool;
  }

  /**
   * A new API key of {@code tenant} (null: platform-wide, as Baton's own services have) with {@code
   * role}, stored in the database: create keys before starting the replicas that should know them
   * (a running replica sees them only after its next refresh).
   */
  public synchronized String apiKey(String tenant, Role role) {
    if (!authMigrated) {
      AuthSchema.migrate(db.config());
      authMigrated = true;
    }
    return await(new KeyStore(migratedPool()).create(tenant, role, "test-" + RoleNames.name(role), null, "test"),
        WAIT, "creating an API key").secret().text();
  }

  /** Sends {@code apiKey} with every call of a stub, as the SDK does: {@code stub.withInterceptors(bearer(key))}. */
  public static ClientInterceptor bearer(String apiKey) {
    return BatonCredentials.apiKey(apiKey).interceptor();
  }

  /**
   * The configuration of a replica on this database, listening on 127.0.0.1 on a free port unless
   * {@code env} says otherwise; {@code env} holds BATON_ANALYTICS_* settings.
   */
  public AnalyticsConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("BATON_ANALYTICS_HOST", "127.0.0.1"));
    all.putAll(env);
    Env settings = new Env(all);
    return new AnalyticsConfig(ServerConfig.from(settings, "BATON_ANALYTICS", 0), db.config(),
        RollupConfig.from(settings));
  }

  /** A started replica configured by {@link #config}; closed with the fixture. */
  public Analytics startReplica(Map<String, String> env) {
    Analytics replica = Analytics.create(config(env), vertx).start();
    opened.onStop("analytics replica", replica::close);
    return replica;
  }

  /** A plaintext gRPC channel to a replica; closed with the fixture. */
  public ManagedChannel channelTo(Analytics replica) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", replica.port()).usePlaintext().build();
    opened.onStop("channel", () -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  /** A channel to a replica whose every call carries {@code apiKey}; closed with the fixture. */
  public Channel channelTo(Analytics replica, String apiKey) {
    return ClientInterceptors.intercept(channelTo(replica), bearer(apiKey));
  }

  @Override
  public void close() {
    opened.stop();
  }
}
