package dev.baton.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.common.auth.Access;
import dev.baton.common.auth.AuthConfig;
import dev.baton.common.callers.CallerAuth;
import dev.baton.common.auth.KeyStore;
import dev.baton.common.auth.MethodAccess;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.server.ServerConfig;
import dev.baton.common.server.ServiceServer;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ListCircuitsResponse;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.RotateApiKeyRequest;
import dev.baton.testkit.MutableClock;
import dev.baton.testkit.TestPostgres;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real ServiceServer wired as every service is ({@link CallerAuth}'s interceptors), a plain gRPC
 * client: which calls reach auth.audit_log, with what, and that a call's answer waits for its entry.
 */
class AuditedCallsIT {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static TestPostgres.Database database;
  private static Vertx vertx;
  private static Pool pool;
  private static CallerAuth auth;
  private static ServiceServer server;
  private static ManagedChannel channel;
  private static ApiKey admin;
  private static String adminSecret;
  private static String viewerSecret;

  /** Revokes anything; rotating finds nothing (the store behind the real KeyService is tested in the orchestrator). */
  static final class KeyApi extends KeyServiceGrpc.KeyServiceImplBase {
    @Override
    public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<ApiKey> response) {
      response.onNext(ApiKey.newBuilder().setId(request.getId()).build());
      response.onCompleted();
    }

    @Override
    public void rotateApiKey(RotateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> response) {
      response.onError(Status.NOT_FOUND.withDescription("key " + request.getId() + " not found").asRuntimeException());
    }
  }

  static final class CircuitApi extends CircuitServiceGrpc.CircuitServiceImplBase {
    @Override
    public void listCircuits(ListCircuitsRequest request, StreamObserver<ListCircuitsResponse> response) {
      response.onNext(ListCircuitsResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @BeforeAll
  static void start() {
    database = TestPostgres.createDatabase("baton_audit");
    TestPostgres.Server pg = database.server();
    PostgresConfig config = new PostgresConfig(pg.host(), pg.port(), database.name(), pg.user(), pg.password(), 2);
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, config);
    MethodAccess access = MethodAccess.builder()
        .service(KeyServiceGrpc.getServiceDescriptor(), Map.of("CreateApiKey", Access.MANAGE_KEYS,
            "ListApiKeys", Access.MANAGE_KEYS, "RotateApiKey", Access.MANAGE_KEYS, "RevokeApiKey", Access.MANAGE_KEYS))
        .service(CircuitServiceGrpc.getServiceDescriptor(), Map.of("ListCircuits", Access.READ))
        .build();
    auth = CallerAuth.start(vertx, pool, config, new AuthConfig(Duration.ofSeconds(1), false, Duration.ofDays(365)),
        access, "audit-test", MutableClock.at(NOW)).await();
    KeyStore store = new KeyStore(pool);
    var issued = store.create("acme", Role.ROLE_ADMIN, "ci-admin", null, "setup").await();
    admin = issued.key();
    adminSecret = issued.secret().text();
    viewerSecret = store.create("acme", Role.ROLE_VIEWER, "wallboard", null, "setup").await().secret().text();
    auth.keys().reloadIfChanged().await();
    server = ServiceServer.start(vertx, new ServiceServer.Spec("audit-test",
            new ServerConfig("127.0.0.1", 0, 1 << 20, List.of(), 100))
        .service(new KeyApi()).service(new CircuitApi()).interceptors(auth.interceptors())).await();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close().await();
    auth.stop().await();
    pool.close().await();
    vertx.close().await();
    database.close();
  }

  @BeforeEach
  void emptyTheLog() throws SQLException {
    try (Connection c = database.connect()) {
      c.createStatement().execute("DELETE FROM auth.audit_log");
    }
  }

  @Test
  void aStateChangingCallIsInTheLogByTheTimeItsAnswerArrives() throws SQLException {
    keys(adminSecret).revokeApiKey(RevokeApiKeyRequest.newBuilder().setId("victimid23456789").build());

    // read at once: the answer waited for the entry
    assertThat(entries()).containsExactly(new AuditEntry(NOW, "acme", admin.getId(), "ci-admin",
        "baton.v1.KeyService/RevokeApiKey", List.of("id=victimid23456789"), "OK", "audit-test"));
  }

  @Test
  void aStateChangingCallThatFailsIsLoggedWithItsOutcome() throws SQLException {
    RotateApiKeyRequest rotate = RotateApiKeyRequest.newBuilder().setId("nokey234567abcde").build();

    assertThatThrownBy(() -> keys(adminSecret).rotateApiKey(rotate)).isInstanceOf(StatusRuntimeException.class);

    assertThat(entries()).extracting(AuditEntry::method, AuditEntry::targets, AuditEntry::outcome)
        .containsExactly(tuple("baton.v1.KeyService/RotateApiKey",
            List.of("id=nokey234567abcde"), "NOT_FOUND"));
  }

  @Test
  void readsAndRefusedCallsLeaveNoEntry() throws SQLException {
    with(CircuitServiceGrpc.newBlockingStub(channel), viewerSecret)
        .listCircuits(ListCircuitsRequest.getDefaultInstance());
    RevokeApiKeyRequest revoke = RevokeApiKeyRequest.newBuilder().setId("victimid23456789").build();

    assertThatThrownBy(() -> keys(viewerSecret).revokeApiKey(revoke))
        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThatThrownBy(() -> KeyServiceGrpc.newBlockingStub(channel).revokeApiKey(revoke))
        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThat(entries()).isEmpty();
  }

  private static KeyServiceGrpc.KeyServiceBlockingStub keys(String secret) {
    return with(KeyServiceGrpc.newBlockingStub(channel), secret);
  }

  private static <S extends AbstractStub<S>> S with(S stub, String secret) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + secret);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static List<AuditEntry> entries() throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection c = database.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT at, tenant, actor_key_id, actor_name, method, targets, "
            + "outcome, service FROM auth.audit_log ORDER BY id")) {
      while (rs.next()) {
        List<String> targets = Arrays.asList((String[]) rs.getArray("targets").getArray());
        entries.add(new AuditEntry(rs.getTimestamp("at").toInstant(), rs.getString("tenant"),
            rs.getString("actor_key_id"), rs.getString("actor_name"), rs.getString("method"), targets,
            rs.getString("outcome"), rs.getString("service")));
      }
    }
    return entries;
  }
}
