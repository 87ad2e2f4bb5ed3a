package dev.baton.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key's secret, {@code baton_<id>_<secret>}: the id is public and names the key for lookup,
 * the secret part is 256 random bits. The prefix lets secret scanners recognise leaked keys.
 */
public record KeySecret(String id, String text) {
  private static final Pattern SHAPE = Pattern.compile("baton_([a-z2-7]{16})_([A-Za-z0-9_-]{43})");
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new key: an 80-bit id and a 256-bit secret. */
  public static KeySecret generate() {
    StringBuilder id = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return withId(id.toString());
  }

  /** A new secret for an existing key (rotation keeps the id). */
  public static KeySecret withId(String id) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new KeySecret(id, "baton_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The key a presented secret claims to be, if it has the shape of one. */
  public static Optional<KeySecret> parse(String presented) {
    Matcher m = SHAPE.matcher(presented);
    return m.matches() ? Optional.of(new KeySecret(m.group(1), presented)) : Optional.empty();
  }

  /** What is stored instead of the secret. */
  public byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares in constant time, so the time a refusal takes tells nothing about the stored hash. */
  public boolean matches(byte[] storedHash) {
    return storedHash != null && MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public String toString() {
    return "KeySecret[" + id + "]"; // never the secret, wherever a record ends up printed
  }
}
