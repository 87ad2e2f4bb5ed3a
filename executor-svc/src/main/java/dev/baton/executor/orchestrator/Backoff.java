package dev.baton.executor.orchestrator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential retry delays with jitter, so executors that lost the orchestrator together don't retry in step. */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(Duration initial, Duration max) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = initialMillis;
  }

  synchronized Duration next() {
    long base = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  synchronized void reset() {
    nextMillis = initialMillis;
  }
}
