package dev.baton.orchestrator.keys;

import dev.baton.common.auth.KeyStore;
import dev.baton.proto.v1.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first key of an installation (BATON_BOOTSTRAP_ADMIN_KEY_FILE): when no platform admin key
 * exists yet, one is created and its secret written to that file (created new, mode 0600; never
 * logged). An existing file is never overwritten. With several replicas starting at once, each
 * that finds none creates one: harmless, and each such key is in `baton keys list` to revoke.
 */
public final class PlatformAdminBootstrap {
  private static final Logger log = LoggerFactory.getLogger(PlatformAdminBootstrap.class);

  private final Pool pool;
  private final KeyStore store;

  public PlatformAdminBootstrap(Pool pool, KeyStore store) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.store = Objects.requireNonNull(store, "store");
  }

  public Future<Void> createIfNone(Path file) {
    return pool.query("SELECT count(*) AS n FROM auth.api_keys WHERE role = 'platform-admin' AND revoked_at IS NULL")
        .execute().compose(rows -> {
          if (rows.iterator().next().getLong("n") > 0) {
            return Future.succeededFuture();
          }
          if (Files.exists(file)) {
            throw new IllegalStateException("BATON_BOOTSTRAP_ADMIN_KEY_FILE: " + file
                + " exists but no platform admin key does (remove the file to have a new key written there)");
          }
          return store.create(null, Role.ROLE_PLATFORM_ADMIN, "bootstrap-platform-admin", null, null).map(issued -> {
            write(file, issued.secret().text());
            log.info("created platform admin key {}; its secret is in {}", issued.key().getId(), file);
            return null;
          });
        });
  }

  private static void write(Path file, String secret) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n");
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("BATON_BOOTSTRAP_ADMIN_KEY_FILE: " + file + " appeared while writing it", e);
    } catch (IOException e) {
      throw new UncheckedIOException("BATON_BOOTSTRAP_ADMIN_KEY_FILE: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
