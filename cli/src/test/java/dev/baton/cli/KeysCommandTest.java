package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListApiKeysResponse;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.RotateApiKeyRequest;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** baton keys create | list | rotate | revoke: the requests they build and what they print. */
class KeysCommandTest {
  /** Times print in the clock's zone: UTC here, whatever the machine's. */
  private static final Clock UTC = Clock.fixed(Instant.parse("2026-01-10T12:00:00Z"), ZoneOffset.UTC);
  private static final String SECRET = "baton_k3abcdefghijklmn_" + "S".repeat(43);
  private static final ApiKey CI = ApiKey.newBuilder().setId("k3abcdefghijklmn").setName("ci").setTenant("acme")
      .setRole(Role.ROLE_OPERATOR).setCreateTime(at("2026-01-10T09:30:00Z")).setExpireTime(at("2026-04-10T09:30:00Z"))
      .setCreatedBy("adminkeyid234567").build();

  private FakeKeyApi keys;

  @BeforeEach
  void start() {
    keys = new FakeKeyApi();
    keys.issued = CreateApiKeyResponse.newBuilder().setKey(CI).setSecret(SECRET).build();
  }

  @AfterEach
  void stop() {
    keys.close();
  }

  private CliResult baton(String... args) {
    List<String> all = new ArrayList<>(List.of("--server", keys.target()));
    all.addAll(List.of(args));
    return CliResult.runAt(UTC, all.toArray(String[]::new));
  }

  @Test
  void createSendsTenantRoleNameAndExpiryAndPrintsTheSecretOnce() {
    CliResult result = baton("keys", "create", "--tenant", "acme", "--role", "operator", "--name", "ci",
        "--expires", "90d");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(keys.onlyRequest()).isEqualTo(CreateApiKeyRequest.newBuilder().setTenant("acme")
        .setRole(Role.ROLE_OPERATOR).setName("ci").setExpiresIn(Durations.fromDays(90)).build());
    assertThat(result.out()).isEqualTo("""
        key k3abcdefghijklmn (ci, operator, tenant acme, expires 2026-04-10T09:30:00)
        secret (shown only now; send it as `authorization: Bearer <secret>` or BATON_API_KEY):
        %s
        """.formatted(SECRET));
    assertThat(result.out()).containsOnlyOnce(SECRET);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void createWithoutTenantOrExpiryAsksForAPlatformWideKeyThatNeverExpires() {
    keys.issued = CreateApiKeyResponse.newBuilder()
        .setKey(CI.toBuilder().clearTenant().clearExpireTime().setRole(Role.ROLE_EXECUTOR).setName("executors"))
        .setSecret(SECRET).build();

    CliResult result = baton("keys", "create", "--role", "executor", "--name", "executors");

    assertThat(keys.onlyRequest()).isEqualTo(CreateApiKeyRequest.newBuilder()
        .setRole(Role.ROLE_EXECUTOR).setName("executors").build());
    assertThat(result.out()).startsWith("key k3abcdefghijklmn (executors, executor, every tenant)\n");
  }

  @ParameterizedTest
  @CsvSource({"admin, ROLE_ADMIN", "operator, ROLE_OPERATOR", "viewer, ROLE_VIEWER", "executor, ROLE_EXECUTOR",
      "ingest, ROLE_INGEST", "platform-admin, ROLE_PLATFORM_ADMIN", "Platform-Admin, ROLE_PLATFORM_ADMIN"})
  void rolesAreNamedAsPeopleWriteThem(String name, Role role) {
    CliResult result = baton("keys", "create", "--role", name, "--name", "ci");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(((CreateApiKeyRequest) keys.onlyRequest()).getRole()).isEqualTo(role);
  }

  @Test
  void anUnknownRoleIsAUsageErrorNamingRoleAndTheChoicesAndSendsNothing() {
    CliResult result = baton("keys", "create", "--role", "superuser", "--name", "ci");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("baton keys create: Invalid value for option '--role': 'superuser' "
        + "(expected: one of admin, operator, viewer, executor, ingest, platform-admin) "
        + "(see 'baton keys create --help')\n");
    assertThat(keys.requests).isEmpty();
  }

  @Test
  void aBadExpiryIsAUsageErrorNamingExpires() {
    CliResult result = baton("keys", "create", "--role", "viewer", "--name", "ci", "--expires", "90x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("baton keys create: Invalid value for option '--expires': '90x'");
    assertThat(keys.requests).isEmpty();
  }

  @Test
  void createWithJsonOutputPrintsTheKeyAndItsSecretAsOneDocument() throws Exception {
    CliResult result = baton("-o", "json", "keys", "create", "--tenant", "acme", "--role", "operator", "--name", "ci");

    var document = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(result.out());
    assertThat(document.get("id").asText()).isEqualTo(keys.issued.getKey().getId());
    assertThat(document.remove("secret").asText()).isEqualTo(SECRET);
    ApiKey.Builder printed = ApiKey.newBuilder();
    JsonFormat.parser().merge(document.toString(), printed);
    assertThat(printed.build()).isEqualTo(keys.issued.getKey());
    assertThat(result.out()).containsOnlyOnce(SECRET);
  }

  @Test
  void listShowsEveryKeyWithItsStateAndNeverASecret() {
    keys.listed = ListApiKeysResponse.newBuilder()
        .addKeys(CI.toBuilder().setLastUsedTime(at("2026-01-10T11:59:58Z")))
        .addKeys(CI.toBuilder().setId("exec234567abcdef").setName("executors").clearTenant().setRole(Role.ROLE_EXECUTOR)
            .clearExpireTime().setRevokeTime(at("2026-01-10T10:00:00Z")))
        .addKeys(CI.toBuilder().setId("dash234567abcdef").setName("dashboard").setRole(Role.ROLE_VIEWER)
            .clearExpireTime().setPreviousSecretExpireTime(at("2026-01-11T09:30:00Z")))
        .build();

    CliResult result = baton("keys", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(keys.onlyRequest()).isEqualTo(ListApiKeysRequest.getDefaultInstance());
    assertThat(result.out()).isEqualTo("""
        ID                NAME       TENANT  ROLE      CREATED              LAST USED            EXPIRES              STATE
        k3abcdefghijklmn  ci         acme    operator  2026-01-10T09:30:00  2026-01-10T11:59:58  2026-04-10T09:30:00  active
        exec234567abcdef  executors  *       executor  2026-01-10T09:30:00  never                never                revoked 2026-01-10T10:00:00
        dash234567abcdef  dashboard  acme    viewer    2026-01-10T09:30:00  never                never                rotated (old secret until 2026-01-11T09:30:00)
        """);
  }

  @Test
  void listAsksForOneTenantAndRevokedKeysWhenTold() {
    baton("keys", "list", "--tenant", "acme", "--all");

    assertThat(keys.onlyRequest()).isEqualTo(
        ListApiKeysRequest.newBuilder().setTenant("acme").setIncludeRevoked(true).build());
  }

  @Test
  void listWithJsonOutputIsTheServicesAnswer() throws Exception {
    keys.listed = ListApiKeysResponse.newBuilder().addKeys(CI).build();

    CliResult result = baton("keys", "list", "-o", "json");

    ListApiKeysResponse.Builder printed = ListApiKeysResponse.newBuilder();
    JsonFormat.parser().merge(result.out(), printed);
    assertThat(printed.build()).isEqualTo(keys.listed);
  }

  @Test
  void rotateSendsTheGraceAndPrintsTheNewSecretOnce() {
    CliResult result = baton("keys", "rotate", "k3abcdefghijklmn", "--grace", "24h");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(keys.onlyRequest()).isEqualTo(RotateApiKeyRequest.newBuilder().setId("k3abcdefghijklmn")
        .setGrace(Durations.fromHours(24)).build());
    assertThat(result.out()).endsWith("\n" + SECRET + "\n").containsOnlyOnce(SECRET);
  }

  @Test
  void rotateWithoutGraceLeavesItUnsetSoTheOldSecretStopsAtOnce() {
    baton("keys", "rotate", "k3abcdefghijklmn");

    assertThat(keys.onlyRequest()).isEqualTo(RotateApiKeyRequest.newBuilder().setId("k3abcdefghijklmn").build());
  }

  @Test
  void rotateOfARevokedKeyReportsTheServicesRefusal() {
    keys.failure = Status.FAILED_PRECONDITION.withDescription("key k3abcdefghijklmn is revoked");

    CliResult result = baton("keys", "rotate", "k3abcdefghijklmn", "--grace", "1h");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("baton: FAILED_PRECONDITION: key k3abcdefghijklmn is revoked\n");
  }

  @Test
  void revokeSendsTheIdAndConfirms() {
    keys.revoked = CI.toBuilder().setRevokeTime(at("2026-01-10T12:00:00Z")).build();

    CliResult result = baton("keys", "revoke", "k3abcdefghijklmn");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(keys.onlyRequest()).isEqualTo(RevokeApiKeyRequest.newBuilder().setId("k3abcdefghijklmn").build());
    assertThat(result.out()).isEqualTo("key k3abcdefghijklmn (ci) revoked\n");
  }

  @Test
  void revokeWithJsonOutputPrintsTheRevokedKey() throws Exception {
    keys.revoked = CI.toBuilder().setRevokeTime(at("2026-01-10T12:00:00Z")).build();

    CliResult result = baton("-o", "json", "keys", "revoke", "k3abcdefghijklmn");

    ApiKey.Builder printed = ApiKey.newBuilder();
    JsonFormat.parser().merge(result.out(), printed);
    assertThat(printed.build()).isEqualTo(keys.revoked);
  }

  private static Timestamp at(String instant) {
    return Timestamps.fromMillis(Instant.parse(instant).toEpochMilli());
  }
}
