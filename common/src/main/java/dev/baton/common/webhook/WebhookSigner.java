package dev.baton.common.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of Baton's webhooks (admin notifications of the orchestrator, alerts of
 * analytics-svc): {@code sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>} in
 * X-Baton-Signature, the unix seconds in X-Baton-Timestamp. Signing the timestamp with the body lets
 * receivers reject replays: recompute the HMAC over the raw body, compare in constant time, and
 * reject timestamps more than a few minutes away from their clock. Shared so that a receiver
 * verifies every Baton webhook the same way.
 */
public final class WebhookSigner {
  public static final String SIGNATURE_HEADER = "X-Baton-Signature";
  public static final String TIMESTAMP_HEADER = "X-Baton-Timestamp";
  /** Shortest accepted secret: 32 characters, a 256-bit key when random. */
  public static final int MIN_SECRET_LENGTH = 32;

  private WebhookSigner() {}

  public static String sign(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
