package dev.baton.orchestrator.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import dev.baton.common.auth.KeySecret;
import dev.baton.orchestrator.RunningOrchestrator;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.KeyServiceGrpc.KeyServiceBlockingStub;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.RotateApiKeyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KeyService on a running orchestrator with its real database: what a tenant admin and a platform
 * admin may do with keys, and how refusals look (another tenant's key is NOT_FOUND exactly like a
 * missing one; bad input names the field).
 */
class KeyApiIT {
  private static RunningOrchestrator running;
  private static KeyServiceBlockingStub platformAdmin;
  private static KeyServiceBlockingStub acmeAdmin;
  private static String globexAdminKey;

  @BeforeAll
  static void start() {
    running = new RunningOrchestrator("orchestrator_keys");
    String platformAdminKey = running.apiKey(null, Role.ROLE_PLATFORM_ADMIN);
    String acmeAdminKey = running.apiKey("acme", Role.ROLE_ADMIN);
    globexAdminKey = running.apiKey("globex", Role.ROLE_ADMIN);
    running.start();
    platformAdmin = running.client(platformAdminKey).keys();
    acmeAdmin = running.client(acmeAdminKey).keys();
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  private static CreateApiKeyRequest create(String tenant, Role role, String name) {
    return CreateApiKeyRequest.newBuilder().setTenant(tenant).setRole(role).setName(name).build();
  }

  private static List<ApiKey> keysOf(String tenant) {
    return platformAdmin.listApiKeys(ListApiKeysRequest.newBuilder().setTenant(tenant).setIncludeRevoked(true).build())
        .getKeysList();
  }

  private static Status refusal(ThrowingCallable call) {
    StatusRuntimeException[] caught = new StatusRuntimeException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> caught[0] = e);
    return caught[0].getStatus();
  }

  @Test
  void aTenantAdminsNewKeyIsOfItsTenantAndWorksAtOnce() {
    CreateApiKeyResponse created = acmeAdmin.createApiKey(create("", Role.ROLE_ADMIN, "ci"));

    assertThat(created.getKey().getTenant()).isEqualTo("acme");
    assertThat(KeySecret.parse(created.getSecret())).hasValueSatisfying(
        secret -> assertThat(secret.id()).isEqualTo(created.getKey().getId()));
    assertThat(running.client(created.getSecret()).keys().listApiKeys(ListApiKeysRequest.getDefaultInstance())
        .getKeysList()).extracting(ApiKey::getTenant).containsOnly("acme");
  }

  @Test
  void aTenantAdminCannotCreateAKeyForAnotherTenant() {
    Status status = refusal(() -> acmeAdmin.createApiKey(create("globex", Role.ROLE_ADMIN, "intruder")));

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).startsWith("tenant: 'globex'");
    assertThat(keysOf("globex")).extracting(ApiKey::getName).doesNotContain("intruder");
  }

  @Test
  void aTenantAdminCannotCreatePlatformAdminKeys() {
    Status status = refusal(() -> acmeAdmin.createApiKey(create("", Role.ROLE_PLATFORM_ADMIN, "escalate")));

    assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status.getDescription()).startsWith("role:");
    assertThat(keysOf("")).extracting(ApiKey::getName).doesNotContain("escalate");
  }

  @Test
  void aPlatformAdminCreatesKeysForAnyTenantAndPlatformAdminKeysWithoutOne() {
    assertThat(platformAdmin.createApiKey(create("globex", Role.ROLE_OPERATOR, "deploy")).getKey().getTenant())
        .isEqualTo("globex");
    assertThat(platformAdmin.createApiKey(create("", Role.ROLE_PLATFORM_ADMIN, "second-admin")).getKey().getTenant())
        .isEmpty();
    assertThat(refusal(() -> platformAdmin.createApiKey(create("", Role.ROLE_VIEWER, "nobodys"))).getDescription())
        .startsWith("tenant: required");
  }

  @Test
  void anotherTenantsKeyIsNotFoundForRotateAndRevokeExactlyLikeAMissingOne() {
    String globexId = KeySecret.parse(globexAdminKey).orElseThrow().id();

    assertNotFoundLikeAMissingKey(globexId,
        id -> () -> acmeAdmin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId(id).build()));
    assertNotFoundLikeAMissingKey(globexId,
        id -> () -> acmeAdmin.revokeApiKey(RevokeApiKeyRequest.newBuilder().setId(id).build()));

    // neither rotated nor revoked: globex's admin key still works
    assertThat(running.client(globexAdminKey).keys().listApiKeys(ListApiKeysRequest.getDefaultInstance())
        .getKeysList()).extracting(ApiKey::getId).contains(globexId);
  }

  /** {@code call} on {@code othersId} is refused with what it gets for an id no key has, but for the id. */
  private static void assertNotFoundLikeAMissingKey(String othersId, Function<String, ThrowingCallable> call) {
    String missingId = KeySecret.generate().id();

    Status othersKey = refusal(call.apply(othersId));
    Status missing = refusal(call.apply(missingId));

    assertThat(othersKey.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(missing.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(othersKey.getDescription().replace(othersId, "ID")).isEqualTo(missing.getDescription()
        .replace(missingId, "ID"));
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceAndRotatingItIsFailedPrecondition() {
    CreateApiKeyResponse viewer = acmeAdmin.createApiKey(create("", Role.ROLE_VIEWER, "dashboard"));
    String id = viewer.getKey().getId();
    running.client(viewer.getSecret()).workflows().listWorkflows(ListWorkflowsRequest.getDefaultInstance());

    assertThat(acmeAdmin.revokeApiKey(RevokeApiKeyRequest.newBuilder().setId(id).build()).hasRevokeTime()).isTrue();

    assertThat(refusal(() -> running.client(viewer.getSecret()).workflows()
        .listWorkflows(ListWorkflowsRequest.getDefaultInstance())).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    Status rotate = refusal(() -> acmeAdmin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId(id).build()));
    assertThat(rotate.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(rotate.getDescription()).startsWith("id: API key " + id + " is revoked");
  }

  @Test
  void invalidRequestsAreInvalidArgumentNamingTheFieldAndCreateNothing() {
    String existing = acmeAdmin.createApiKey(create("", Role.ROLE_OPERATOR, "rotated")).getKey().getId();
    int keysBefore = keysOf("acme").size();
    Map<String, ThrowingCallable> requests = Map.of(
        "name: 'has space'", () -> acmeAdmin.createApiKey(create("", Role.ROLE_VIEWER, "has space")),
        "name: ''", () -> acmeAdmin.createApiKey(create("", Role.ROLE_VIEWER, "")),
        "role: required", () -> acmeAdmin.createApiKey(create("", Role.ROLE_UNSPECIFIED, "no-role")),
        "expires_in: PT-1S", () -> acmeAdmin.createApiKey(create("", Role.ROLE_VIEWER, "expired").toBuilder()
            .setExpiresIn(Duration.newBuilder().setSeconds(-1)).build()),
        "expires_in: PT0S", () -> acmeAdmin.createApiKey(create("", Role.ROLE_VIEWER, "instant").toBuilder()
            .setExpiresIn(Duration.getDefaultInstance()).build()),
        "grace: PT744H", () -> acmeAdmin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId(existing)
            .setGrace(Duration.newBuilder().setSeconds(31L * 24 * 3600)).build()),
        "grace: PT-1S", () -> acmeAdmin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId(existing)
            .setGrace(Duration.newBuilder().setSeconds(-1)).build()),
        "id: required", () -> acmeAdmin.revokeApiKey(RevokeApiKeyRequest.getDefaultInstance()));

    requests.forEach((message, request) -> {
      Status status = refusal(request);
      assertThat(status.getCode()).as(message).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(status.getDescription()).as(message).startsWith(message);
    });
    assertThat(keysOf("acme")).hasSize(keysBefore)
        .filteredOn(key -> key.getId().equals(existing)).singleElement()
        .satisfies(key -> assertThat(key.hasPreviousSecretExpireTime()).isFalse());
  }

  @Test
  void aKeyWithoutTheAdminRoleMayNotManageKeys() {
    String operator = acmeAdmin.createApiKey(create("", Role.ROLE_OPERATOR, "operator")).getSecret();

    Status status = refusal(() -> running.client(operator).keys().listApiKeys(ListApiKeysRequest.getDefaultInstance()));

    assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }
}
