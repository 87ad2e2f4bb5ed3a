package dev.baton.cli.connect;

import dev.baton.cli.failure.CliException;
import dev.baton.sdk.client.BatonCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The keys {@code baton dev} writes for local use ({@code .baton/credentials}, mode 0600):
 * {@code api_key} (the default tenant's admin) and {@code platform_admin_key}. The CLI falls back
 * to it when no key is given with {@code --api-key} or BATON_API_KEY.
 */
public final class CredentialsFile {
  /** Where {@code baton dev} writes it, relative to its data directory. */
  public static final String NAME = "credentials";
  public static final String API_KEY = "api_key";
  public static final String PLATFORM_ADMIN_KEY = "platform_admin_key";

  private final Path path;
  private final Properties values;

  private CredentialsFile(Path path, Properties values) {
    this.path = path;
    this.values = values;
  }

  /** The file at {@code location} if it exists. */
  public static Optional<CredentialsFile> read(Path location) {
    if (!Files.isRegularFile(location)) {
      return Optional.empty();
    }
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(location)) {
      values.load(in);
    } catch (IOException e) {
      throw new CliException("cannot read " + location + ": " + e.getMessage(), e);
    }
    return Optional.of(new CredentialsFile(location, values));
  }

  public Optional<BatonCredentials> key(String name) {
    String value = values.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(BatonCredentials.apiKey(value));
  }

  public Path path() {
    return path;
  }
}
