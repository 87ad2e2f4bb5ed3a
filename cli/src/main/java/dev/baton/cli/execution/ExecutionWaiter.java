package dev.baton.cli.execution;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.v1.Execution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Polls an execution until it ends or the wait times out. The first polls come quickly (short
 * runs finish in well under a second); the interval then grows to one second to spare the server.
 */
final class ExecutionWaiter {
  static final Duration FIRST_INTERVAL = Duration.ofMillis(200);
  static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

  private final UnaryOperator<Execution> refresh;
  private final Clock clock;

  /** @param refresh fetches the current state of the execution it is given */
  ExecutionWaiter(UnaryOperator<Execution> refresh, Clock clock) {
    this.refresh = requireNonNull(refresh, "refresh");
    this.clock = requireNonNull(clock, "clock");
  }

  /** The execution once terminal, or its last known state when {@code timeout} passed first. */
  Execution awaitEnd(Execution execution, Duration timeout) throws InterruptedException {
    Instant giveUpAt = clock.instant().plus(timeout);
    Execution current = execution;
    Duration interval = FIRST_INTERVAL;
    while (!StatusLabel.isTerminal(current.getStatus())) {
      Duration left = Duration.between(clock.instant(), giveUpAt);
      if (left.isNegative() || left.isZero()) {
        return current;
      }
      Thread.sleep(Math.min(interval.toMillis(), left.toMillis()));
      current = refresh.apply(current);
      interval = min(interval.multipliedBy(3).dividedBy(2), MAX_INTERVAL);
    }
    return current;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
