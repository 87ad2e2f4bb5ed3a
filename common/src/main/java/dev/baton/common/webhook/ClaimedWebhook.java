package dev.baton.common.webhook;

import java.util.Objects;

/**
 * A delivery a {@link WebhookOutbox} has leased to this replica: its key in the service's table, the
 * attempt this is (1-based, counted at the claim), what to send, and how to name it in a log line
 * (e.g. "notification 12 to channel 'ops'").
 */
public record ClaimedWebhook<K>(K key, int attempts, SignedWebhook webhook, String description) {
  public ClaimedWebhook {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(description, "description");
  }
}
