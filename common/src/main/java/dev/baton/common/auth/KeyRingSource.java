package dev.baton.common.auth;

import dev.baton.proto.RoleNames;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the key ring from auth.api_keys, and writes when keys were last used. */
public final class KeyRingSource {
  private final Pool pool;

  public KeyRingSource(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** The ring's version: it moves whenever a key is created, rotated, revoked or deleted. */
  public Future<Long> version() {
    return pool.query("SELECT version FROM auth.key_ring").execute()
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  /** Every key, in one consistent read together with the version it belongs to. */
  public Future<KeyRing> load() {
    return pool.withTransaction(conn -> conn.query("SELECT version FROM auth.key_ring").execute()
        .compose(v -> conn.query("SELECT id, tenant, role, name, secret_hash, previous_secret_hash, "
                + "previous_valid_until, expires_at, revoked_at FROM auth.api_keys").execute()
            .map(rows -> {
              List<StoredKey> keys = new ArrayList<>(rows.size());
              for (Row row : rows) {
                keys.add(key(row));
              }
              return new KeyRing(v.iterator().next().getLong("version"), keys);
            })));
  }

  /** Records when keys were last seen; one statement for all of them. */
  public Future<Void> recordUse(Map<String, Instant> lastUsed) {
    if (lastUsed.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] ids = lastUsed.keySet().toArray(String[]::new);
    OffsetDateTime[] times = new OffsetDateTime[ids.length];
    for (int i = 0; i < ids.length; i++) {
      times[i] = OffsetDateTime.ofInstant(lastUsed.get(ids[i]), java.time.ZoneOffset.UTC);
    }
    return pool.preparedQuery("UPDATE auth.api_keys k SET last_used_at = u.at FROM unnest($1::text[], "
            + "$2::timestamptz[]) AS u(id, at) WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)")
        // not Tuple.of(ids, times): the second array would be spread into the varargs, one element per parameter
        .execute(Tuple.tuple(List.of(ids, times))).mapEmpty();
  }

  private static StoredKey key(Row row) {
    return new StoredKey(row.getString("id"), row.getString("tenant"),
        RoleNames.parse(row.getString("role")).orElseThrow(), row.getString("name"),
        bytes(row, "secret_hash"), bytes(row, "previous_secret_hash"), instant(row, "previous_valid_until"),
        instant(row, "expires_at"), instant(row, "revoked_at"));
  }

  private static byte[] bytes(Row row, String column) {
    var buffer = row.getBuffer(column);
    return buffer == null ? null : buffer.getBytes();
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? null : time.toInstant();
  }
}
