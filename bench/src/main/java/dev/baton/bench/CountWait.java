package dev.baton.bench;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a count to reach a target, giving up once it has not moved for a while (so a slow but
 * progressing phase is not cut short, and a stuck one does not hang the run). Polls rather than
 * sleeping a fixed time: the benchmark measures how long things take.
 */
final class CountWait {
  private CountWait() {}

  /** Returns the time waited; the count may still be below the target if it stopped moving for {@code quiet}. */
  static Duration until(IntSupplier count, int target, Duration quiet, Duration poll) {
    long begin = System.nanoTime();
    long lastChange = begin;
    int last = count.getAsInt();
    while (last < target && System.nanoTime() - lastChange < quiet.toNanos()) {
      LockSupport.parkNanos(poll.toNanos());
      int now = count.getAsInt();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
    return Duration.ofNanos(System.nanoTime() - begin);
  }
}
