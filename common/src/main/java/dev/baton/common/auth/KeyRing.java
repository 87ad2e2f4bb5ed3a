package dev.baton.common.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One replica's snapshot of every API key: verification is a map lookup and a hash compare, no
 * database round trip. Expiry and rotation grace are decided against the time of the call, so a
 * snapshot needs reloading only when a key is created, rotated or revoked.
 */
public final class KeyRing {
  /** What a call without a usable key is told; the same for an unknown id and a wrong secret. */
  static final String INVALID = "authorization: the API key is not valid";

  private final long version;
  private final Map<String, StoredKey> keys;

  public KeyRing(long version, Collection<StoredKey> keys) {
    this.version = version;
    this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(StoredKey::id, Function.identity()));
  }

  public static KeyRing empty() {
    return new KeyRing(-1, java.util.List.of());
  }

  public long version() {
    return version;
  }

  public int size() {
    return keys.size();
  }

  /** Checks the value of an {@code authorization} header. */
  public Verdict verifyHeader(String authorization, Instant now) {
    if (authorization == null || authorization.isBlank()) {
      return new Verdict.Refused("authorization: missing (expected: 'Bearer <API key>')");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Verdict.Refused("authorization: not a bearer credential (expected: 'Bearer <API key>')");
    }
    return verify(authorization.substring(7).trim(), now);
  }

  /** Checks a presented secret. */
  public Verdict verify(String presented, Instant now) {
    KeySecret secret = KeySecret.parse(presented).orElse(null);
    if (secret == null) {
      return new Verdict.Refused("authorization: not a Baton API key (expected: 'baton_<id>_<secret>')");
    }
    StoredKey key = keys.get(secret.id());
    if (key == null) {
      secret.hash(); // as long as a wrong secret for a known id takes
      return new Verdict.Refused(INVALID);
    }
    boolean current = secret.matches(key.secretHash());
    boolean previous = !current && key.previousValidUntil() != null && now.isBefore(key.previousValidUntil())
        && secret.matches(key.previousSecretHash());
    if (!current && !previous) {
      return new Verdict.Refused(INVALID);
    }
    // the caller holds this key's secret: it may learn why the key no longer works
    if (key.revokedAt() != null) {
      return new Verdict.Refused("authorization: API key " + key.id() + " was revoked");
    }
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
      return new Verdict.Refused("authorization: API key " + key.id() + " expired");
    }
    return new Verdict.Accepted(key.principal());
  }
}
