package dev.baton.orchestrator.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RetryTest {
  /** r = 0.5 puts the jittered delay exactly on the un-jittered one. */
  private static final DoubleSupplier MIDDLE = () -> 0.5;
  private static final DoubleSupplier LOWEST = () -> 0.0;
  private static final DoubleSupplier HIGHEST = () -> Math.nextDown(1.0);

  private final Retry retry = new Retry(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.2, Set.of("INVALID_LEAD"));

  @Test
  void defaultsAreOneAttemptOneSecondDoublingUpToFiveMinutes() {
    assertThat(Retry.defaults()).isEqualTo(new Retry(1, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.2, Set.of()));
  }

  @Test
  void backoffGrowsExponentially() {
    assertThat(retry.backoff(1, MIDDLE)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.backoff(2, MIDDLE)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retry.backoff(3, MIDDLE)).isEqualTo(Duration.ofSeconds(4));
    assertThat(retry.backoff(4, MIDDLE)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void backoffIsCappedAtMaxBackoffEvenAfterManyAttempts() {
    assertThat(retry.backoff(5, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.backoff(5000, MIDDLE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterSpreadsTheDelayWithinItsFractionAndNeverAboveTheCap() {
    assertThat(retry.backoff(2, LOWEST)).isEqualTo(Duration.ofMillis(1600));
    assertThat(retry.backoff(2, HIGHEST)).isBetween(Duration.ofMillis(2399), Duration.ofMillis(2400));
    assertThat(retry.backoff(2, () -> 0.25)).isEqualTo(Duration.ofMillis(1800));
    // at the cap, jitter can only shorten the delay
    assertThat(retry.backoff(9, LOWEST)).isEqualTo(Duration.ofSeconds(8));
    assertThat(retry.backoff(9, HIGHEST)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void noJitterMeansTheExactDelay() {
    Retry exact = new Retry(3, Duration.ofMillis(500), 3.0, Duration.ofMinutes(1), 0.0, Set.of());

    assertThat(exact.backoff(3, HIGHEST)).isEqualTo(Duration.ofMillis(4500));
  }

  @Test
  void nextAttemptIsDueTheBackoffAfterNow() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    assertThat(retry.nextAttemptAt(3, clock, MIDDLE)).isEqualTo(Instant.parse("2025-01-01T00:00:04Z"));
  }

  @Test
  void retriesARetryableFailureWhileAttemptsRemain() {
    assertThat(retry.shouldRetry(1, "PROVIDER_DOWN", true)).isTrue();
    assertThat(retry.shouldRetry(5, null, true)).isTrue();
  }

  @Test
  void stopsWhenTheAttemptsAreUsedUp() {
    assertThat(retry.shouldRetry(6, "PROVIDER_DOWN", true)).isFalse();
    assertThat(Retry.defaults().shouldRetry(1, "PROVIDER_DOWN", true)).isFalse();
  }

  @Test
  void stopsOnANonRetryableCodeOrAFailureMarkedNotRetryable() {
    assertThat(retry.shouldRetry(1, "INVALID_LEAD", true)).isFalse();
    assertThat(retry.shouldRetry(1, "PROVIDER_DOWN", false)).isFalse();
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThatThrownBy(() -> new Retry(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0, Set.of()))
        .hasMessage("maxAttempts: 0 (expected: 1-100)");
    assertThatThrownBy(() -> new Retry(2, Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0, Set.of()))
        .hasMessageStartingWith("maxBackoff: PT1S (expected: >= initialBackoff PT2S)");
    assertThatThrownBy(() -> retry.backoff(0, MIDDLE)).hasMessage("failedAttempt: 0 (expected: >= 1)");
  }

  @Test
  void maxTotalTimeCountsFromWhenThePolicyTookOverAndZeroMeansNoLimit() {
    Instant since = Instant.parse("2025-01-01T00:00:00Z");
    Retry limited = new Retry(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0.0, Set.of(), Duration.ofSeconds(15));

    assertThat(limited.withinTotalTime(since, since.plusSeconds(15))).isTrue();
    assertThat(limited.withinTotalTime(since, since.plusSeconds(16))).isFalse();
    assertThat(retry.withinTotalTime(since, since.plus(Duration.ofDays(365)))).isTrue();
  }
}
