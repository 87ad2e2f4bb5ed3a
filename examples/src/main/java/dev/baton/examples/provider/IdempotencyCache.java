package dev.baton.examples.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Successful responses by Idempotency-Key, so a redelivered request gets the same answer. Only
 * successes are kept: a request that failed did nothing, and repeating it must be allowed to
 * succeed. Bounded: the oldest keys are forgotten first.
 */
final class IdempotencyCache {
  record Response(int status, String body) {}

  private static final int MAX_KEYS = 10_000;

  private final Map<String, Response> responses = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Response> eldest) {
      return size() > MAX_KEYS;
    }
  };

  synchronized Optional<Response> get(String key) {
    return Optional.ofNullable(responses.get(key));
  }

  synchronized void put(String key, Response response) {
    responses.put(key, response);
  }
}
