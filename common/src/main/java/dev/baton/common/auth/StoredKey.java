package dev.baton.common.auth;

import dev.baton.proto.v1.Role;
import java.time.Instant;

/** A row of auth.api_keys as verification needs it (hashes, never secrets). */
public record StoredKey(String id, String tenant, Role role, String name, byte[] secretHash,
    byte[] previousSecretHash, Instant previousValidUntil, Instant expiresAt, Instant revokedAt) {

  Principal principal() {
    return new Principal(id, name, tenant, role);
  }
}
