package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.ListExecutionsResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which API key a command sends: --api-key, BATON_API_KEY, else the credentials file `baton dev` writes. */
class ApiKeyTest {
  private static final String TENANT_KEY = "baton_tttttttttttttttt_" + "a".repeat(43);
  private static final String PLATFORM_KEY = "baton_pppppppppppppppp_" + "p".repeat(43);
  private static final String OTHER_KEY = "baton_oooooooooooooooo_" + "o".repeat(43);

  @TempDir
  Path dir;
  private FakeWorkflowApi api;
  private FakeKeyApi keys;
  private Path credentials;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    api.listResponse = ListExecutionsResponse.getDefaultInstance();
    keys = new FakeKeyApi();
    credentials = Files.writeString(dir.resolve("credentials"),
        "# written by baton dev\napi_key=" + TENANT_KEY + "\nplatform_admin_key=" + PLATFORM_KEY + "\n");
  }

  @AfterEach
  void stop() {
    api.close();
    keys.close();
  }

  @Test
  void theKeyInBatonApiKeyIsSentWithEveryCall() {
    CliResult result = CliResult.runWithEnv(Map.of("BATON_API_KEY", OTHER_KEY), "--server", api.target(), "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.authorizations).containsExactly("Bearer " + OTHER_KEY);
  }

  @Test
  void theApiKeyOptionTakesPrecedenceOverTheEnvironmentAndTheFile() {
    CliResult result = CliResult.runWithEnv(Map.of("BATON_API_KEY", TENANT_KEY),
        "--server", api.target(), "--api-key", OTHER_KEY, "--credentials", credentials.toString(), "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.authorizations).containsExactly("Bearer " + OTHER_KEY);
  }

  @Test
  void batonApiKeyTakesPrecedenceOverTheFile() {
    CliResult result = CliResult.runWithEnv(Map.of("BATON_API_KEY", OTHER_KEY),
        "--server", api.target(), "--credentials", credentials.toString(), "list");

    assertThat(api.authorizations).as(result.err()).containsExactly("Bearer " + OTHER_KEY);
  }

  @Test
  void withoutAKeyTenantCommandsUseTheApiKeyOfTheCredentialsFile() {
    CliResult result = CliResult.runWithEnv(Map.of(), "--server", api.target(), "--credentials", credentials.toString(),
        "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.authorizations).containsExactly("Bearer " + TENANT_KEY);
  }

  @Test
  void batonCredentialsNamesTheFile() {
    CliResult result = CliResult.runWithEnv(Map.of("BATON_CREDENTIALS", credentials.toString()),
        "--server", api.target(), "list");

    assertThat(api.authorizations).as(result.err()).containsExactly("Bearer " + TENANT_KEY);
  }

  @Test
  void keyCommandsPreferThePlatformAdminKeyOfTheCredentialsFile() {
    CliResult result = CliResult.runWithEnv(Map.of(), "--server", keys.target(),
        "--credentials", credentials.toString(), "keys", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(keys.authorizations).containsExactly("Bearer " + PLATFORM_KEY);
  }

  @Test
  void keyCommandsUseTheFilesTenantKeyWhenItHasNoPlatformAdminKey() throws Exception {
    Files.writeString(credentials, "api_key=" + TENANT_KEY + "\nplatform_admin_key=\n");

    CliResult result = CliResult.runWithEnv(Map.of(), "--server", keys.target(),
        "--credentials", credentials.toString(), "keys", "list");

    assertThat(keys.authorizations).as(result.err()).containsExactly("Bearer " + TENANT_KEY);
  }

  @Test
  void keyCommandsSendAKeyGivenExplicitlyRatherThanTheFilesPlatformAdminKey() {
    CliResult result = CliResult.runWithEnv(Map.of("BATON_API_KEY", OTHER_KEY),
        "--server", keys.target(), "--credentials", credentials.toString(), "keys", "list");

    assertThat(keys.authorizations).as(result.err()).containsExactly("Bearer " + OTHER_KEY);
  }

  @Test
  void withoutAnyKeyACommandCallsNothingAndSaysWhereAKeyComesFrom() {
    Path none = dir.resolve("missing");

    CliResult list = CliResult.runWithEnv(Map.of(), "--server", api.target(), "--credentials", none.toString(), "list");
    CliResult keysList = CliResult.runWithEnv(Map.of(), "--server", keys.target(), "--credentials", none.toString(),
        "keys", "list");

    String missing = "baton: no API key: pass --api-key or set BATON_API_KEY (`baton keys create` makes one; "
        + "`baton dev` writes " + none + ")\n";
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).isEqualTo(missing);
    assertThat(list.out()).isEmpty();
    assertThat(keysList.exitCode()).isEqualTo(1);
    assertThat(keysList.err()).isEqualTo(missing);
    assertThat(api.authorizations).isEmpty();
    assertThat(keys.authorizations).isEmpty();
  }

  @Test
  void aCredentialsFileWithoutKeysCountsAsNoKey() throws Exception {
    Files.writeString(credentials, "api_key=  \n");

    CliResult result = CliResult.runWithEnv(Map.of(), "--server", api.target(), "--credentials", credentials.toString(),
        "list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("baton: no API key: pass --api-key or set BATON_API_KEY");
    assertThat(api.authorizations).isEmpty();
  }
}
