package dev.baton.dev;

import dev.baton.common.config.PostgresConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An embedded PostgreSQL server (zonky) whose data survives restarts when given a data directory. */
public final class LocalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server on a free port; {@code dataDir} null = a throw-away directory. */
  public static LocalPostgres start(Path dataDir) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      return new LocalPostgres(builder.start());
    } catch (IllegalStateException e) {
      if (dataDir != null && String.valueOf(e.getMessage()).contains("could not lock")) {
        throw new IllegalStateException("another process (a running `baton dev`?) uses the data directory "
            + dataDir + "; stop it first, or set BATON_DEV_DATA_DIR to another directory", e);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  public PostgresConfig config(int poolSize) {
    return new PostgresConfig("127.0.0.1", postgres.getPort(), "postgres", "postgres", "", poolSize);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL: " + e.getMessage(), e);
    }
  }
}
