package dev.baton.dev;

import static dev.baton.common.vertx.Blocking.await;

import dev.baton.common.auth.AuthSchema;
import dev.baton.common.auth.KeyStore;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.postgres.PgPools;
import dev.baton.proto.v1.Role;
import dev.baton.sdk.client.BatonCredentials;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;

/**
 * The keys a local platform runs with, created at its start: a platform admin, the {@code default}
 * tenant's admin (what the CLI, the example run and the dashboard link use), a platform-wide
 * executor key for its executors and a platform-wide ingest key for its services' span exports.
 * Also mints keys for other tenants and roles (tests). Its pool is closed with the platform.
 */
public final class DevKeys implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Pool pool;
  private final KeyStore store;
  private final String platformAdmin;
  private final String tenantAdmin;
  private final String executor;
  private final String ingest;
  private volatile Runnable afterChange = () -> { };

  private DevKeys(Pool pool, KeyStore store, String platformAdmin, String tenantAdmin, String executor, String ingest) {
    this.pool = pool;
    this.store = store;
    this.platformAdmin = platformAdmin;
    this.tenantAdmin = tenantAdmin;
    this.executor = executor;
    this.ingest = ingest;
  }

  /** Migrates schema auth and creates the four keys. */
  public static DevKeys create(Vertx vertx, PostgresConfig postgres) {
    AuthSchema.migrate(postgres);
    Pool pool = PgPools.create(vertx, new PostgresConfig(postgres.host(), postgres.port(), postgres.database(),
        postgres.user(), postgres.password(), 2));
    try {
      KeyStore store = new KeyStore(pool);
      return new DevKeys(pool, store,
          secret(store, null, Role.ROLE_PLATFORM_ADMIN, "baton-dev-platform-admin"),
          secret(store, "default", Role.ROLE_ADMIN, "baton-dev"),
          secret(store, null, Role.ROLE_EXECUTOR, "baton-dev-executors"),
          secret(store, null, Role.ROLE_INGEST, "baton-dev-services"));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static String secret(KeyStore store, String tenant, Role role, String name) {
    return await(store.create(tenant, role, name, null, null), WAIT, "creating the " + name + " key")
        .secret().text();
  }

  /** The {@code default} tenant's admin key. */
  public BatonCredentials tenantAdmin() {
    return BatonCredentials.apiKey(tenantAdmin);
  }

  public BatonCredentials platformAdmin() {
    return BatonCredentials.apiKey(platformAdmin);
  }

  /** A new key of {@code tenant} with {@code role} (tests: another tenant, a viewer, ...). */
  public BatonCredentials create(String tenant, Role role, String name) {
    return BatonCredentials.apiKey(createSecret(tenant, role, name));
  }

  /** A new key's secret itself, for clients that are not Java (the dashboard's browser tests, Node clients). */
  String createSecret(String tenant, Role role, String name) {
    String secret = secret(store, tenant, role, Objects.requireNonNull(name, "name"));
    afterChange.run(); // every running service knows the key before the caller uses it
    return secret;
  }

  /** What to run after minting a key: the local platform reloads its services' key rings. */
  void afterChange(Runnable action) {
    afterChange = Objects.requireNonNull(action, "action");
  }

  /** What the platform's executors call the orchestrator with (BATON_API_KEY). */
  String executorSecret() {
    return executor;
  }

  /** OTEL_EXPORTER_OTLP_HEADERS for the platform's services: their spans, of every tenant, go to analytics-svc. */
  public String otlpHeaders() {
    return "authorization=" + URLEncoder.encode("Bearer " + ingest, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The platform-wide ingest key's secret (load generators sending spans). */
  public String ingestSecret() {
    return ingest;
  }

  /** The default tenant's admin secret, for a dashboard link that signs the browser in. */
  String tenantAdminSecret() {
    return tenantAdmin;
  }

  /**
   * Writes the credentials file the CLI reads when no key is given ({@code api_key}, the default
   * tenant's admin; {@code platform_admin_key}), readable by its owner only.
   */
  void writeCredentials(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "credentials", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, "# written by `baton dev`: the keys of the local platform (baton keys list shows them)\n"
          + "api_key=" + tenantAdmin + "\nplatform_admin_key=" + platformAdmin + "\n");
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
