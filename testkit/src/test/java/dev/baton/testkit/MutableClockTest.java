package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void standsStillUntilMovedOrSet() {
    MutableClock clock = MutableClock.at(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

    clock.advance(Duration.ofSeconds(90));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(90).toEpochMilli());

    clock.set(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void aClockInAnotherZoneMovesWithTheOriginal() {
    MutableClock clock = MutableClock.at(START);
    MutableClock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));

    clock.advance(Duration.ofMinutes(5));

    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.instant()).isEqualTo(START.plusSeconds(300));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }
}
