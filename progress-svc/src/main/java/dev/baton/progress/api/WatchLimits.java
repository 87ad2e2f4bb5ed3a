package dev.baton.progress.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What one WatchExecution stream may cost (progress-svc/README.md, "Slow watchers"): at most
 * {@code buffer} updates waiting for its client, and a client that takes none of them for
 * {@code slowWatcherTimeout} is ended.
 */
public record WatchLimits(int buffer, Duration slowWatcherTimeout) {
  public WatchLimits {
    if (buffer < 1) {
      throw new IllegalArgumentException("buffer: " + buffer + " (expected: >= 1)");
    }
    Objects.requireNonNull(slowWatcherTimeout, "slowWatcherTimeout");
    if (slowWatcherTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("slowWatcherTimeout: " + slowWatcherTimeout + " (expected: >= 1ms)");
    }
  }
}
