package dev.baton.common.auth;

import dev.baton.proto.RoleNames;
import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, rotates, revokes and lists API keys in auth.api_keys. Every statement that touches a
 * tenant's key carries the tenant scope of the caller ({@code null}: a platform admin, any tenant),
 * so another tenant's key is simply not found.
 */
public final class KeyStore {
  private static final String COLUMNS = "id, tenant, role, name, created_at, created_by, last_used_at, "
      + "expires_at, revoked_at, previous_valid_until";

  private final Pool pool;

  public KeyStore(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** A new key; {@code expiresAt} null: until revoked. */
  public Future<IssuedKey> create(String tenant, Role role, String name, Instant expiresAt, String createdBy) {
    KeySecret secret = KeySecret.generate();
    return pool.preparedQuery("INSERT INTO auth.api_keys (id, tenant, role, name, secret_hash, expires_at, created_by) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
        .execute(Tuple.of(secret.id(), tenant, RoleNames.name(role), name, Buffer.buffer(secret.hash()),
            time(expiresAt), createdBy))
        .map(rows -> new IssuedKey(key(rows.iterator().next()), secret));
  }

  /** What rotating came to. */
  public sealed interface Rotation {
    record Rotated(IssuedKey issued) implements Rotation {}

    record Revoked(ApiKey key) implements Rotation {}

    record Missing() implements Rotation {}
  }

  /** A new secret; the current one stays valid until {@code previousValidUntil} (now: at once). */
  public Future<Rotation> rotate(String id, String tenantScope, Instant previousValidUntil) {
    return find(id, tenantScope).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Rotation.Missing());
      }
      if (found.get().hasRevokeTime()) {
        return Future.succeededFuture(new Rotation.Revoked(found.get()));
      }
      KeySecret secret = KeySecret.withId(id);
      return pool.preparedQuery("UPDATE auth.api_keys SET previous_secret_hash = secret_hash, "
              + "previous_valid_until = $3, secret_hash = $4 WHERE id = $1 AND tenant IS NOT DISTINCT FROM "
              + "coalesce($2, tenant) AND revoked_at IS NULL RETURNING " + COLUMNS)
          .execute(Tuple.of(id, tenantScope, time(previousValidUntil), Buffer.buffer(secret.hash())))
          .map(rows -> rows.size() == 0 ? new Rotation.Missing()
              : new Rotation.Rotated(new IssuedKey(key(rows.iterator().next()), secret)));
    });
  }

  /** Revokes a key (again: no change); empty when the scope has no such key. */
  public Future<Optional<ApiKey>> revoke(String id, String tenantScope, Instant now) {
    return pool.preparedQuery("UPDATE auth.api_keys SET revoked_at = coalesce(revoked_at, $3) "
            + "WHERE id = $1 AND tenant IS NOT DISTINCT FROM coalesce($2, tenant) RETURNING " + COLUMNS)
        .execute(Tuple.of(id, tenantScope, time(now)))
        .map(KeyStore::first);
  }

  public Future<Optional<ApiKey>> find(String id, String tenantScope) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM auth.api_keys "
            + "WHERE id = $1 AND tenant IS NOT DISTINCT FROM coalesce($2, tenant)")
        .execute(Tuple.of(id, tenantScope))
        .map(KeyStore::first);
  }

  /** Keys of {@code tenant} (null: of every tenant, platform keys included), newest first. */
  public Future<List<ApiKey>> list(String tenant, boolean includeRevoked) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM auth.api_keys WHERE ($1::text IS NULL OR tenant = $1) "
            + "AND ($2 OR revoked_at IS NULL) ORDER BY created_at DESC, id")
        .execute(Tuple.of(tenant, includeRevoked))
        .map(rows -> {
          List<ApiKey> keys = new ArrayList<>(rows.size());
          rows.forEach(row -> keys.add(key(row)));
          return keys;
        });
  }

  private static Optional<ApiKey> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(key(rows.iterator().next()));
  }

  private static ApiKey key(Row row) {
    ApiKey.Builder key = ApiKey.newBuilder()
        .setId(row.getString("id"))
        .setName(row.getString("name"))
        .setRole(RoleNames.parse(row.getString("role")).orElseThrow());
    Optional.ofNullable(row.getString("tenant")).ifPresent(key::setTenant);
    Optional.ofNullable(row.getString("created_by")).ifPresent(key::setCreatedBy);
    timestamp(row, "created_at").ifPresent(key::setCreateTime);
    timestamp(row, "last_used_at").ifPresent(key::setLastUsedTime);
    timestamp(row, "expires_at").ifPresent(key::setExpireTime);
    timestamp(row, "revoked_at").ifPresent(key::setRevokeTime);
    timestamp(row, "previous_valid_until").ifPresent(key::setPreviousSecretExpireTime);
    return key.build();
  }

  private static Optional<Timestamp> timestamp(Row row, String column) {
    OffsetDateTime time = row.getOffsetDateTime(column);
    return time == null ? Optional.empty()
        : Optional.of(Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build());
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
