package dev.baton.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What every Baton service promises when its start fails: it throws saying why, leaves nothing open
 * (a start is all or nothing), and refuses to be started again.
 */
public final class FailedStart {
  private static final Duration CLOSING = Duration.ofSeconds(10);

  private FailedStart() {}

  /**
   * Runs {@code start}, which must fail with a message containing {@code why}; then waits until
   * {@code leftovers} (made before the start) finds nothing open, and checks that a second start
   * is refused.
   *
   * @throws AssertionError when any of it does not hold
   */
  public static void check(Runnable start, String why, Leftovers leftovers) {
    Objects.requireNonNull(why, "why");
    RuntimeException failure = startFailure(start, "the start");
    if (failure == null || !String.valueOf(failure.getMessage()).contains(why)) {
      throw new AssertionError("expected the start to fail with '" + why + "', got: " + failure, failure);
    }
    leftovers.awaitNone(CLOSING);
    RuntimeException again = startFailure(start, "a second start");
    if (!(again instanceof IllegalStateException) || !again.getMessage().contains("start called twice")) {
      throw new AssertionError("expected a second start to be refused (IllegalStateException: start called twice), "
          + "got: " + again, again);
    }
  }

  private static RuntimeException startFailure(Runnable start, String what) {
    try {
      start.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError(what + " succeeded");
  }
}
