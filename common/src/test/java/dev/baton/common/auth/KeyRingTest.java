package dev.baton.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private final KeySecret secret = KeySecret.generate();

  private KeyRing ring(byte[] previousHash, Instant previousUntil, Instant expires, Instant revoked) {
    return new KeyRing(1, List.of(new StoredKey(secret.id(), "acme", Role.ROLE_OPERATOR, "ci", secret.hash(),
        previousHash, previousUntil, expires, revoked)));
  }

  @Test
  void aKeysOwnSecretAuthenticatesAsItsTenantAndRole() {
    Verdict verdict = ring(null, null, null, null).verifyHeader("Bearer " + secret.text(), NOW);
    assertThat(verdict).isEqualTo(new Verdict.Accepted(new Principal(secret.id(), "ci", "acme", Role.ROLE_OPERATOR)));
  }

  @Test
  void aWrongSecretForAKnownIdIsRefusedLikeAnUnknownKey() {
    KeySecret forged = KeySecret.withId(secret.id());
    KeyRing ring = ring(null, null, null, null);
    Verdict wrong = ring.verify(forged.text(), NOW);
    Verdict unknown = ring.verify(KeySecret.generate().text(), NOW);
    assertThat(wrong).isEqualTo(new Verdict.Refused(KeyRing.INVALID)).isEqualTo(unknown);
  }

  @Test
  void missingMalformedAndNonBearerHeadersAreRefusedNamingTheHeader() {
    KeyRing ring = ring(null, null, null, null);
    assertThat(ring.verifyHeader(null, NOW)).isEqualTo(
        new Verdict.Refused("authorization: missing (expected: 'Bearer <API key>')"));
    assertThat(ring.verifyHeader("Basic abc", NOW)).isEqualTo(
        new Verdict.Refused("authorization: not a bearer credential (expected: 'Bearer <API key>')"));
    assertThat(ring.verifyHeader("Bearer hunter2", NOW)).isEqualTo(
        new Verdict.Refused("authorization: not a Baton API key (expected: 'baton_<id>_<secret>')"));
  }

  @Test
  void anExpiredKeyIsRefusedFromItsExpiryOn() {
    KeyRing ring = ring(null, null, NOW.plusSeconds(1), null);
    assertThat(ring.verify(secret.text(), NOW)).isInstanceOf(Verdict.Accepted.class);
    assertThat(ring.verify(secret.text(), NOW.plusSeconds(1)))
        .isEqualTo(new Verdict.Refused("authorization: API key " + secret.id() + " expired"));
  }

  @Test
  void aRevokedKeyIsRefused() {
    assertThat(ring(null, null, null, NOW.minusSeconds(5)).verify(secret.text(), NOW))
        .isEqualTo(new Verdict.Refused("authorization: API key " + secret.id() + " was revoked"));
  }

  @Test
  void theSecretReplacedByARotationWorksForExactlyTheGracePeriod() {
    KeySecret old = KeySecret.withId(secret.id());
    Instant until = NOW.plus(Duration.ofHours(24));
    KeyRing ring = ring(old.hash(), until, null, null);
    assertThat(ring.verify(secret.text(), NOW)).isInstanceOf(Verdict.Accepted.class);
    assertThat(ring.verify(old.text(), until.minusNanos(1000))).isInstanceOf(Verdict.Accepted.class);
    assertThat(ring.verify(old.text(), until)).isEqualTo(new Verdict.Refused(KeyRing.INVALID));
    assertThat(ring.verify(secret.text(), until.plusSeconds(3600))).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void secretsHaveTheDocumentedShapeAndNeverPrintThemselves() {
    assertThat(secret.text()).matches("baton_[a-z2-7]{16}_[A-Za-z0-9_-]{43}");
    assertThat(KeySecret.parse(secret.text())).contains(secret);
    assertThat(secret.toString()).doesNotContain(secret.text().substring(23));
    assertThat(KeySecret.generate().id()).isNotEqualTo(secret.id());
  }
}
