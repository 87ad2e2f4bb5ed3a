package dev.baton.examples.provider;

import io.vertx.core.json.JsonObject;

/**
 * Counters of {@code POST /v1/leads/search}: {@code requests} handled (replays excluded),
 * {@code failures} among them (injected faults and rejected queries), and {@code replays}
 * answered from the Idempotency-Key cache.
 */
public record ProviderStats(long requests, long failures, long replays) {
  JsonObject toJson() {
    return new JsonObject().put("requests", requests).put("failures", failures).put("replays", replays);
  }
}
