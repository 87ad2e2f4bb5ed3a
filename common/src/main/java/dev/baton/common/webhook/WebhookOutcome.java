package dev.baton.common.webhook;

/**
 * What one POST came to. A 2xx answer delivers; anything else (refused, timed out, any other status)
 * is a failure worth another attempt. {@code httpStatus} is 0 when no answer came back; {@code error}
 * (null when delivered) is short enough for a delivery log.
 */
public record WebhookOutcome(boolean delivered, int httpStatus, String error) {
  /** Longest error kept: a receiver's answer body can be a whole HTML page. */
  static final int MAX_ERROR = 500;

  static WebhookOutcome delivered(int httpStatus) {
    return new WebhookOutcome(true, httpStatus, null);
  }

  static WebhookOutcome failed(int httpStatus, String error) {
    return new WebhookOutcome(false, httpStatus,
        error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "...");
  }
}
