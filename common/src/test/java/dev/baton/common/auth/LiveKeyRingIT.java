package dev.baton.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.postgres.PgPools;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.Role;
import dev.baton.testkit.MutableClock;
import dev.baton.testkit.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' key rings, each on its own pool, over one real database: what KeyStore changes
 * (through the first replica's pool) the second replica sees within its refresh interval, without
 * being told. Verification happens at the time of an injected clock, so grace periods are exact.
 */
class LiveKeyRingIT {
  private static final Duration REFRESH = Duration.ofMillis(200);
  /** One refresh interval, plus the version query and reload on a machine busy with other builds. */
  private static final Duration WITHIN_A_REFRESH = REFRESH.plusMillis(800);
  private static final String TENANT = "acme";

  private static TestPostgres.Database database;
  private static Vertx vertx;
  private static Pool storePool;
  private static Pool replicaPool;
  private static KeyStore store;

  private MutableClock clock;
  private LiveKeyRing local;
  private LiveKeyRing replica;

  @BeforeAll
  static void createSchema() {
    database = TestPostgres.createDatabase("baton_auth");
    TestPostgres.Server server = database.server();
    PostgresConfig config = new PostgresConfig(server.host(), server.port(), database.name(), server.user(),
        server.password(), 2);
    AuthSchema.migrate(config);
    vertx = Vertx.vertx();
    storePool = PgPools.create(vertx, config);
    replicaPool = PgPools.create(vertx, config);
    store = new KeyStore(storePool);
  }

  @AfterAll
  static void dropSchema() {
    storePool.close().await();
    replicaPool.close().await();
    vertx.close().await();
    database.close();
  }

  @BeforeEach
  void startReplicas() {
    // whole seconds: what is stored (microseconds) reads back as the same instant
    clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    local = new LiveKeyRing(vertx, new KeyRingSource(storePool), REFRESH, clock).start().await();
    replica = new LiveKeyRing(vertx, new KeyRingSource(replicaPool), REFRESH, clock).start().await();
  }

  @AfterEach
  void stopReplicas() {
    local.stop().await();
    replica.stop().await();
  }

  @Test
  void aKeyCreatedOnOneReplicaIsAcceptedByAnotherWithinARefresh() {
    IssuedKey key = store.create(TENANT, Role.ROLE_OPERATOR, "ci", null, "creator").await();

    within().until(() -> replica.verifyHeader(bearer(key.secret().text())) instanceof Verdict.Accepted);
    assertThat(replica.verifyHeader(bearer(key.secret().text())))
        .isEqualTo(new Verdict.Accepted(new Principal(key.key().getId(), "ci", TENANT, Role.ROLE_OPERATOR)));
  }

  @Test
  void aKeyRevokedThroughTheStoreIsRefusedByEveryReplicaWithinARefresh() {
    String secret = acceptedEverywhere(store.create(TENANT, Role.ROLE_ADMIN, "ci", null, "creator").await());
    String id = KeySecret.parse(secret).orElseThrow().id();

    assertThat(store.revoke(id, TENANT, clock.instant()).await()).isPresent();

    Verdict revoked = new Verdict.Refused("authorization: API key " + id + " was revoked");
    within().until(() -> replica.verifyHeader(bearer(secret)).equals(revoked));
    within().until(() -> local.verifyHeader(bearer(secret)).equals(revoked));
  }

  @Test
  void anotherTenantsScopeCannotSeeRotateOrRevokeAKey() {
    String secret = acceptedEverywhere(store.create(TENANT, Role.ROLE_VIEWER, "ci", null, "creator").await());
    String id = KeySecret.parse(secret).orElseThrow().id();

    assertThat(store.find(id, "globex").await()).isEmpty();
    assertThat(store.revoke(id, "globex", clock.instant()).await()).isEmpty();
    assertThat(store.rotate(id, "globex", clock.instant()).await()).isEqualTo(new KeyStore.Rotation.Missing());
    assertThat(store.list("globex", true).await()).extracting(ApiKey::getId).doesNotContain(id);
    // a platform admin (no scope) sees it; nothing above changed it
    assertThat(store.find(id, null).await()).hasValueSatisfying(key -> assertThat(key.hasRevokeTime()).isFalse());
    assertThat(replica.reloadIfChanged().map(v -> replica.verifyHeader(bearer(secret))).await())
        .isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void afterARotationTheOldSecretWorksUntilTheGraceEndsAndNotAfter() {
    IssuedKey created = store.create(TENANT, Role.ROLE_OPERATOR, "ci", null, "creator").await();
    String old = acceptedEverywhere(created);
    Instant graceEnds = clock.instant().plus(Duration.ofMinutes(5));

    var rotation = store.rotate(created.key().getId(), TENANT, graceEnds).await();

    IssuedKey rotated = ((KeyStore.Rotation.Rotated) rotation).issued();
    assertThat(rotated.secret().id()).isEqualTo(created.key().getId());
    assertThat(rotated.secret().text()).isNotEqualTo(old);
    assertThat(rotated.key().getPreviousSecretExpireTime()).isEqualTo(Timestamps.fromMillis(graceEnds.toEpochMilli()));
    within().until(() -> replica.verifyHeader(bearer(rotated.secret().text())) instanceof Verdict.Accepted);
    assertThat(replica.verifyHeader(bearer(old))).isInstanceOf(Verdict.Accepted.class);
    clock.set(graceEnds.minusMillis(1));
    assertThat(replica.verifyHeader(bearer(old))).isInstanceOf(Verdict.Accepted.class);
    clock.set(graceEnds);
    assertThat(replica.verifyHeader(bearer(old))).isEqualTo(new Verdict.Refused(KeyRing.INVALID));
    assertThat(replica.verifyHeader(bearer(rotated.secret().text()))).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void aRotationWithoutGraceStopsTheOldSecretAtOnce() {
    IssuedKey created = store.create(TENANT, Role.ROLE_OPERATOR, "ci", null, "creator").await();
    String old = acceptedEverywhere(created);

    var rotation = store.rotate(created.key().getId(), TENANT, clock.instant()).await();

    String fresh = ((KeyStore.Rotation.Rotated) rotation).issued().secret().text();
    within().until(() -> replica.verifyHeader(bearer(fresh)) instanceof Verdict.Accepted);
    assertThat(replica.verifyHeader(bearer(old))).isEqualTo(new Verdict.Refused(KeyRing.INVALID));
  }

  @Test
  void aRevokedKeyCannotBeRotatedBackToLife() {
    IssuedKey created = store.create(TENANT, Role.ROLE_OPERATOR, "ci", null, "creator").await();
    store.revoke(created.key().getId(), TENANT, clock.instant()).await();

    assertThat(store.rotate(created.key().getId(), TENANT, clock.instant()).await())
        .isInstanceOf(KeyStore.Rotation.Revoked.class);
  }

  @Test
  void whenAKeyWasLastUsedIsWrittenDown() {
    IssuedKey created = store.create(TENANT, Role.ROLE_VIEWER, "dashboard", null, "creator").await();
    String id = created.key().getId();
    assertThat(created.key().hasLastUsedTime()).isFalse();

    String secret = acceptedEverywhere(created);
    Instant firstUse = clock.instant();
    within().until(() -> lastUsed(id), firstUse::equals);

    clock.advance(Duration.ofMinutes(3));
    replica.verifyHeader(bearer(secret));
    within().until(() -> lastUsed(id), firstUse.plus(Duration.ofMinutes(3))::equals);
  }

  @Test
  void stoppingWritesTheUseCollectedSinceTheLastPass() {
    IssuedKey created = store.create(TENANT, Role.ROLE_VIEWER, "dashboard", null, "creator").await();
    // no pass runs during this test: only stop() can write the use down
    LiveKeyRing slow = new LiveKeyRing(vertx, new KeyRingSource(replicaPool), Duration.ofHours(1), clock)
        .start().await();

    assertThat(slow.verifyHeader(bearer(created.secret().text()))).isInstanceOf(Verdict.Accepted.class);
    slow.stop().await();

    assertThat(lastUsed(created.key().getId())).isEqualTo(clock.instant());
  }

  /** Waits until both replicas accept the key; returns its secret. */
  private String acceptedEverywhere(IssuedKey key) {
    String secret = key.secret().text();
    within().until(() -> local.verifyHeader(bearer(secret)) instanceof Verdict.Accepted
        && replica.verifyHeader(bearer(secret)) instanceof Verdict.Accepted);
    return secret;
  }

  private static Instant lastUsed(String id) {
    ApiKey key = store.find(id, TENANT).await().orElseThrow();
    return key.hasLastUsedTime() ? Instant.ofEpochMilli(Timestamps.toMillis(key.getLastUsedTime())) : null;
  }

  private static ConditionFactory within() {
    return await().atMost(WITHIN_A_REFRESH).pollInterval(Duration.ofMillis(10));
  }

  private static String bearer(String secret) {
    return "Bearer " + secret;
  }
}
