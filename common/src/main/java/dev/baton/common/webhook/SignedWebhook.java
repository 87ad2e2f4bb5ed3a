package dev.baton.common.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * One webhook to POST: where, the key it is signed with, the JSON body, and the sender's own
 * headers (e.g. the id a receiver drops repeats by).
 */
public record SignedWebhook(String url, String secret, String body, Map<String, String> headers) {
  public SignedWebhook {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }
}
