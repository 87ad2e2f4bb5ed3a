package dev.baton.cli.connect;

import dev.baton.cli.failure.CliException;
import dev.baton.sdk.client.BatonCredentials;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which API key a command sends: {@code --api-key} / BATON_API_KEY when given, otherwise the
 * credentials file (BATON_CREDENTIALS, default {@code .baton/credentials} where {@code baton dev}
 * writes it).
 */
public final class ApiKeyOption {
  private final String explicit;
  private final Path credentialsFile;

  public ApiKeyOption(String explicit, Path credentialsFile) {
    this.explicit = explicit == null ? "" : explicit.trim();
    this.credentialsFile = credentialsFile;
  }

  /** The key for tenant commands. */
  public BatonCredentials tenantKey() {
    return explicitKey().or(() -> file().flatMap(f -> f.key(CredentialsFile.API_KEY)))
        .orElseThrow(this::missing);
  }

  /** The key for key management: an explicit one, else the file's platform admin key, else its tenant key. */
  public BatonCredentials keyAdminKey() {
    return explicitKey()
        .or(() -> file().flatMap(f -> f.key(CredentialsFile.PLATFORM_ADMIN_KEY).or(() -> f.key(CredentialsFile.API_KEY))))
        .orElseThrow(this::missing);
  }

  private Optional<BatonCredentials> explicitKey() {
    return explicit.isEmpty() ? Optional.empty() : Optional.of(BatonCredentials.apiKey(explicit));
  }

  private Optional<CredentialsFile> file() {
    return CredentialsFile.read(credentialsFile);
  }

  private CliException missing() {
    return new CliException("no API key: pass --api-key or set BATON_API_KEY (`baton keys create` makes one; "
        + "`baton dev` writes " + credentialsFile + ")");
  }
}
