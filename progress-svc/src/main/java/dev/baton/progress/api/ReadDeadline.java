package dev.baton.progress.api;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Notices a client that takes nothing for {@code timeout} while updates wait for it. Such a
 * client costs a buffer and a catch-up position for as long as it stays connected, so its stream
 * is ended then (by {@code onExpired}); a client that takes anything at all starts the count anew.
 *
 * <p>Confined to the stream's context: its methods are called there, and its timer, set from
 * there, fires there.
 */
final class ReadDeadline {
  private final Vertx vertx;
  private final Clock clock;
  private final long timeoutMillis;
  private final Runnable onExpired;
  private long timer = -1;
  private long stalledSince;

  ReadDeadline(Vertx vertx, Clock clock, Duration timeout, Runnable onExpired) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
  }

  /** Updates wait and the transport takes none now: starts counting, unless it counts already. */
  void waiting() {
    if (timer < 0) {
      stalledSince = clock.millis();
      timer = vertx.setTimer(timeoutMillis, id -> check());
    }
  }

  /** The transport took an update: the count starts again. */
  void written() {
    stalledSince = clock.millis();
  }

  /** Nothing waits for the client (or the stream ended): stops counting. */
  void idle() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void check() {
    timer = -1;
    long left = stalledSince + timeoutMillis - clock.millis();
    if (left > 0) {
      timer = vertx.setTimer(left, id -> check());
    } else {
      onExpired.run();
    }
  }
}
