package dev.baton.examples.provider;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Holds the current {@link Faults} and decides, request by request, whether to fail. Thread-safe. */
final class FaultInjector {
  private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
  private final AtomicInteger failuresLeft = new AtomicInteger();

  void set(Faults next) {
    Objects.requireNonNull(next, "faults");
    faults.set(next);
    failuresLeft.set(next.failNext());
  }

  Faults current() {
    Faults set = faults.get();
    return new Faults(set.failureRate(), set.latencyMs(), failuresLeft.get(), set.status());
  }

  /** Consumes one of the {@code failNext} failures if any are left, else draws against the rate. */
  boolean nextRequestFails() {
    if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return true;
    }
    double rate = faults.get().failureRate();
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }
}
