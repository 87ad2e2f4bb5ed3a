package dev.baton.analytics;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.analytics.rollup.RollupConfig;
import dev.baton.analytics.store.AnalyticsSchema;
import dev.baton.common.config.Env;
import dev.baton.common.lifecycle.ServiceLifecycle;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.server.ServerConfig;
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
 * a Vert.x, and the replicas, pool and channels a test opens through it. {@link #close} closes all
 * of them, the last opened first, and drops the database.
 */
public final class AnalyticsFixture implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ServiceLifecycle opened = new ServiceLifecycle("analytics test fixture");
  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;

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

  @Override
  public void close() {
    opened.stop();
  }
}
