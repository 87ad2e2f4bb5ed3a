package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.baton.common.auth.KeySecret;
import dev.baton.dev.RpcCall.Answer;
import dev.baton.dev.ServedRpcs.Rpc;
import dev.baton.dev.ServedRpcs.Server;
import dev.baton.proto.v1.Role;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every RPC of every service the platform serves, enumerated from the service descriptors, with
 * requests built by reflection (RpcRequests) that name the objects of one tenant (VictimTenant):
 * without a valid key every call is UNAUTHENTICATED; with another tenant's keys, of every role,
 * every call answers exactly as it does for objects that do not exist (NOT_FOUND, PERMISSION_DENIED,
 * a refused tenant name, or a list without the tenant's objects), no answer carries anything of the
 * tenant, and nothing of the tenant changes. Last, the same requests with the tenant's own keys reach
 * its objects: the refusals were about the tenant, not about a request that names nothing. A new RPC
 * is covered the moment it is served, or fails here until its fields are in RpcRequests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossTenantIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  /** What a refusal may be; DEADLINE_EXCEEDED only for a stream that stayed silent. */
  private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.NOT_FOUND, Status.Code.PERMISSION_DENIED,
      Status.Code.INVALID_ARGUMENT);

  static VictimTenant victim;
  static RpcRequests requests;
  /** Objects of the same kinds that do not exist anywhere. */
  static RpcRequests.Ids missing;
  static final Map<Server, ManagedChannel> channels = new EnumMap<>(Server.class);
  /** Per RPC and role, a key of a tenant of its own: what one call creates cannot change what another sees. */
  static final Map<String, Map<Role, BatonCredentials>> intruders = new HashMap<>();

  @BeforeAll
  static void setUp() {
    LocalPlatform platform = stack.platform();
    victim = VictimTenant.create(platform);
    requests = new RpcRequests(victim.pageTokens, victim.afterAlertEventId);
    missing = new RpcRequests.Ids("cross-missing", "missing-flow", UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), KeySecret.generate().id(), "missing-actor", "missing-ops", "missing-rule",
        "missing-idempotency");
    for (Server server : Server.values()) {
      channels.put(server, ManagedChannelBuilder.forTarget(server.target(platform)).usePlaintext().build());
    }
    int tenant = 0;
    for (Rpc rpc : ServedRpcs.all()) {
      Map<Role, BatonCredentials> keys = new EnumMap<>(Role.class);
      for (Role role : VictimTenant.roles()) {
        keys.put(role, platform.keys().create("cross-b" + tenant++, role, "intruder"));
      }
      intruders.put(rpc.toString(), keys);
    }
  }

  @AfterAll
  static void tearDown() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    if (victim != null) {
      victim.close();
    }
  }

  @Test
  @Order(1)
  void theSuiteCallsEveryRpcEachServerAuthorizes() {
    for (Server server : Server.values()) {
      assertThat(server.listedMethods()).as(server + ": the services ServedRpcs lists")
          .isEqualTo(server.authorizedMethods());
    }
  }

  @Test
  @Order(2)
  void everyRpcWithoutAValidKeyIsUnauthenticatedAndChangesNothing() {
    String adminId = victim.keys.get(Role.ROLE_ADMIN).keyId();
    String otherSecret = KeySecret.generate().text().split("_", 3)[2];
    Map<String, ClientInterceptor> callers = new LinkedHashMap<>();
    callers.put("no key", null);
    callers.put("a key that is no key", header("Bearer garbage"));
    callers.put("a well-formed key nobody issued", header("Bearer " + KeySecret.generate().text()));
    callers.put("the tenant admin's key id with another secret", header("Bearer baton_" + adminId + "_" + otherSecret));
    callers.put("the tenant admin's key in another scheme", header("Basic baton_" + adminId + "_" + otherSecret));
    SoftAssertions softly = new SoftAssertions();
    for (Rpc rpc : ServedRpcs.all()) {
      Message request = requests.build(rpc.method(), victim.ids);
      Map<String, List<String>> before = TenantRows.of(stack.platform(), VictimTenant.TENANT);
      callers.forEach((caller, credentials) -> {
        Answer answer = RpcCall.call(channels.get(rpc.server()), credentials, rpc.method(), request);
        softly.assertThat(answer.code()).as("%s with %s: %s", rpc, caller, answer.text())
            .isEqualTo(Status.Code.UNAUTHENTICATED);
        softly.assertThat(answer.description()).as("%s with %s: says why", rpc, caller).isNotBlank();
      });
      softly.assertThat(TenantRows.changes(before, TenantRows.of(stack.platform(), VictimTenant.TENANT)))
          .as("%s: changes to the tenant's rows", rpc).isEmpty();
    }
    softly.assertAll();
  }

  @Test
  @Order(3)
  void everyRpcWithAnotherTenantsKeysOnTheTenantsObjectsAnswersAsForObjectsThatDoNotExistAndChangesNothing() {
    SoftAssertions softly = new SoftAssertions();
    for (Rpc rpc : ServedRpcs.all()) {
      Map<String, List<String>> before = TenantRows.of(stack.platform(), VictimTenant.TENANT);
      intruders.get(rpc.toString()).forEach((role, key) -> {
        String call = rpc + " with another tenant's " + role;
        Message onTenant = requests.build(rpc.method(), victim.ids);
        Message onNothing = requests.build(rpc.method(), missing);
        String requestText = TextFormat.printer().printToString(onTenant);
        Answer answer = RpcCall.call(channels.get(rpc.server()), key.interceptor(), rpc.method(), onTenant);
        Answer asIfMissing = RpcCall.call(channels.get(rpc.server()), key.interceptor(), rpc.method(), onNothing);
        softly.assertThat(answer.code()).as("%s: %s", call, answer.text()).satisfiesAnyOf(
            code -> assertThat(code).isIn(Status.Code.OK),
            code -> assertThat(code).isIn(REFUSALS),
            code -> assertThat(code == Status.Code.DEADLINE_EXCEEDED && answer.message() == null
                && rpc.method().getType() == MethodType.SERVER_STREAMING).as("a silent stream").isTrue());
        softly.assertThat(answer.normalized(victim.ids.named())).as("%s: as for objects that do not exist", call)
            .isEqualTo(asIfMissing.normalized(missing.named()));
        for (String secret : victim.secrets()) {
          if (!requestText.contains(secret)) {
            softly.assertThat(answer.text()).as("%s: tells nothing of the tenant", call).doesNotContain(secret);
          }
        }
      });
      softly.assertThat(TenantRows.changes(before, TenantRows.of(stack.platform(), VictimTenant.TENANT)))
          .as("%s: changes to the tenant's rows", rpc).isEmpty();
    }
    softly.assertAll();
    // spans claiming the tenant are stored as the sender's (its ingest and executor keys sent some)
    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM analytics.spans WHERE name = '"
        + RpcRequests.EXPORTED_SPAN + "' AND tenant = '" + VictimTenant.TENANT + "'")).isZero();
    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM analytics.spans WHERE name = '"
        + RpcRequests.EXPORTED_SPAN + "' AND tenant LIKE 'cross-b%'")).isEqualTo(4);
  }

  /** Last: these calls change the tenant's objects (deletions after everything else, which needs them). */
  @Test
  @Order(4)
  void theSameRequestsWithTheTenantsOwnKeysReachItsObjects() {
    List<Rpc> rpcs = new ArrayList<>(ServedRpcs.all());
    rpcs.sort(Comparator.comparing(Rpc::removes));
    SoftAssertions softly = new SoftAssertions();
    for (Rpc rpc : rpcs) {
      Message request = requests.build(rpc.method(), victim.ids);
      List<Role> allowed = new ArrayList<>();
      for (Role role : VictimTenant.roles()) {
        Answer answer = RpcCall.call(channels.get(rpc.server()), victim.keys.get(role).interceptor(), rpc.method(),
            request);
        softly.assertThat(answer.code()).as("%s with the tenant's own %s: %s", rpc, role, answer.text())
            .isNotIn(Status.Code.UNAUTHENTICATED, Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT,
                Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.UNAVAILABLE);
        if (answer.code() != Status.Code.PERMISSION_DENIED) {
          allowed.add(role);
          if (rpc.removes()) {
            break; // it is gone now: the next role would not find it
          }
        }
      }
      softly.assertThat(allowed).as("%s: some role of the tenant may call it, so another tenant's keys of that "
          + "role were refused for the tenant, not for their role", rpc).isNotEmpty();
    }
    softly.assertAll();
  }

  private static ClientInterceptor header(String authorization) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
