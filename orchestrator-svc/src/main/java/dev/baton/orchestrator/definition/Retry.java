package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * How a step's failed attempts are retried: at most {@code maxAttempts} attempts in total, with an
 * exponential backoff between them.
 *
 * <p>The delay after the n-th failed attempt (n = 1 is the wait before attempt 2) is
 * <pre>
 *   d      = min(initialBackoff * multiplier^(n-1), maxBackoff)
 *   delay  = min(d * (1 - jitter + 2 * jitter * r), maxBackoff)      r uniform in [0, 1)
 * </pre>
 * i.e. uniform in {@code [d*(1-jitter), d*(1+jitter)]}, never above {@code maxBackoff}. Jitter spreads
 * the retries of many executions that failed together (a provider outage) so they do not return in
 * lockstep. The random source is a parameter so that tests and replays are deterministic.
 *
 * @param maxAttempts total attempts including the first, 1-100 (for a recovery rule's retry: the
 *     attempts the rule adds)
 * @param nonRetryable error codes that fail the step at once
 * @param maxTotalTime no attempt is scheduled to start later than this after the policy took over;
 *     {@link Duration#ZERO} = no limit
 */
public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter,
    Set<String> nonRetryable, Duration maxTotalTime) {

  public static final int MAX_ATTEMPTS_LIMIT = 100;
  private static final Retry DEFAULTS =
      new Retry(1, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2, Set.of());

  /** Without a total time limit. */
  public Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter,
      Set<String> nonRetryable) {
    this(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, nonRetryable, Duration.ZERO);
  }

  public Retry {
    requireNonNull(maxTotalTime, "maxTotalTime");
    if (maxTotalTime.isNegative()) {
      throw new IllegalArgumentException("maxTotalTime: " + maxTotalTime + " (expected: >= 0)");
    }
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    requireNonNull(nonRetryable, "nonRetryable");
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: 1-" + MAX_ATTEMPTS_LIMIT + ")");
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff: " + initialBackoff + " (expected: >= 0)");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff: " + maxBackoff + " (expected: >= initialBackoff " + initialBackoff + ")");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1)");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0-1)");
    }
    nonRetryable = Set.copyOf(nonRetryable);
  }

  /** One attempt only; the other values apply once maxAttempts is raised: 1s, x2, at most 5m, 20% jitter. */
  public static Retry defaults() {
    return DEFAULTS;
  }

  /**
   * Whether to try again after attempt number {@code failedAttempt} (1-based) failed: not when the
   * attempts are used up, the error code is declared non-retryable, or the handler said the failure
   * is not retryable.
   */
  public boolean shouldRetry(int failedAttempt, String errorCode, boolean retryable) {
    return retryable && failedAttempt < maxAttempts && (errorCode == null || !nonRetryable.contains(errorCode));
  }

  /** The wait after attempt number {@code failedAttempt} failed; {@code random01} yields values in [0, 1). */
  public Duration backoff(int failedAttempt, DoubleSupplier random01) {
    requireNonNull(random01, "random01");
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt: " + failedAttempt + " (expected: >= 1)");
    }
    double maxNanos = maxBackoff.toNanos();
    // In double: multiplier^(n-1) overflows long quickly; the cap makes the result small again.
    double base = Math.min(initialBackoff.toNanos() * Math.pow(multiplier, failedAttempt - 1), maxNanos);
    double spread = 1.0 - jitter + 2.0 * jitter * random01.getAsDouble();
    return Duration.ofNanos((long) Math.min(base * spread, maxNanos));
  }

  /**
   * Whether an attempt due at {@code due} is still inside {@code maxTotalTime} counted from
   * {@code since} (when the policy took over); always true without a limit.
   */
  public boolean withinTotalTime(Instant since, Instant due) {
    requireNonNull(since, "since");
    requireNonNull(due, "due");
    return maxTotalTime.isZero() || !due.isAfter(since.plus(maxTotalTime));
  }

  /** When the next attempt is due: now plus {@link #backoff}. */
  public Instant nextAttemptAt(int failedAttempt, Clock clock, DoubleSupplier random01) {
    requireNonNull(clock, "clock");
    return clock.instant().plus(backoff(failedAttempt, random01));
  }
}
