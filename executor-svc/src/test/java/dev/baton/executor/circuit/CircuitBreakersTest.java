package dev.baton.executor.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.executor.circuit.Admission.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The breaker state machine, run by its Lua scripts in a real Redis. */
class CircuitBreakersTest {
  private static final CircuitSettings SETTINGS = new CircuitSettings(3, Duration.ofSeconds(10), Duration.ofSeconds(5));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final RedisBreakers redis = new RedisBreakers();
  private final CircuitBreakers breakers = redis.breakers;
  private final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void cleanUp() {
    redis.close();
  }

  @Test
  void theThresholdthProviderFaultWithinTheWindowOpensTheBreakerUntilTheOpenDurationEnds() {
    assertThat(fail("t1", "primary", T0)).isEqualTo(Transition.NONE);
    assertThat(fail("t1", "primary", T0.plusSeconds(1))).isEqualTo(Transition.NONE);
    assertThat(admit("t1", "primary", T0.plusSeconds(2)).verdict()).isEqualTo(Verdict.ALLOW);

    assertThat(fail("t1", "primary", T0.plusSeconds(2))).isEqualTo(Transition.OPENED);

    Admission rejected = admit("t1", "primary", T0.plusSeconds(3));
    assertThat(rejected.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(rejected.until()).isEqualTo(T0.plusSeconds(7));
    assertThat(admit("t1", "primary", T0.plusMillis(6999)).verdict()).isEqualTo(Verdict.REJECT);
  }

  @Test
  void faultsOlderThanTheWindowNoLongerCount() {
    fail("t1", "primary", T0);
    fail("t1", "primary", T0.plusSeconds(1));

    assertThat(fail("t1", "primary", T0.plusSeconds(11))).isEqualTo(Transition.NONE);
    assertThat(admit("t1", "primary", T0.plusSeconds(11)).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(fail("t1", "primary", T0.plusSeconds(11).plusMillis(500))).isEqualTo(Transition.NONE);
    assertThat(fail("t1", "primary", T0.plusSeconds(12))).isEqualTo(Transition.OPENED);
  }

  @Test
  void successesAndNeutralOutcomesOfAClosedBreakerDoNotCountAsFaults() {
    for (int i = 0; i < 5; i++) {
      Admission admitted = admit("t1", "primary", T0);
      breakers.record("t1", "primary", SETTINGS, admitted, CallOutcome.NEUTRAL, "n" + i, "", T0);
      breakers.record("t1", "primary", SETTINGS, admitted, CallOutcome.SUCCESS, "s" + i, "", T0);
    }
    fail("t1", "primary", T0);
    fail("t1", "primary", T0);

    assertThat(admit("t1", "primary", T0).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void afterTheOpenDurationOneProbeGoesThroughAndItsSuccessClosesTheBreaker() {
    open("t1", "primary", T0);
    Instant later = T0.plusSeconds(5);

    Admission probe = admit("t1", "primary", later);
    assertThat(probe.verdict()).isEqualTo(Verdict.PROBE);
    assertThat(admit("t1", "primary", later.plusMillis(10)).verdict())
        .as("a second call while the probe is out").isEqualTo(Verdict.REJECT);

    assertThat(breakers.record("t1", "primary", SETTINGS, probe, CallOutcome.SUCCESS, "probe", "", later.plusMillis(20)))
        .isEqualTo(Transition.CLOSED);
    assertThat(admit("t1", "primary", later.plusMillis(30)).verdict()).isEqualTo(Verdict.ALLOW);
    // closed afresh: the faults that opened it are forgotten
    fail("t1", "primary", later.plusMillis(40));
    fail("t1", "primary", later.plusMillis(50));
    assertThat(admit("t1", "primary", later.plusMillis(60)).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aFailedProbeOpensTheBreakerForAnotherPeriod() {
    open("t1", "primary", T0);
    Instant later = T0.plusSeconds(6);
    Admission probe = admit("t1", "primary", later);

    assertThat(breakers.record("t1", "primary", SETTINGS, probe, CallOutcome.FAILURE, "probe", "PROVIDER_DOWN: 503",
        later)).isEqualTo(Transition.REOPENED);

    Admission rejected = admit("t1", "primary", later.plusSeconds(1));
    assertThat(rejected.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(rejected.until()).isEqualTo(later.plusSeconds(5));
  }

  @Test
  void aProbeNeverReportedFreesItsSlotAfterItsLease() {
    open("t1", "primary", T0);
    Instant later = T0.plusSeconds(5);
    assertThat(admit("t1", "primary", later).verdict()).isEqualTo(Verdict.PROBE);

    assertThat(admit("t1", "primary", later.plusMillis(4999)).verdict()).isEqualTo(Verdict.REJECT);
    assertThat(admit("t1", "primary", later.plusSeconds(5)).verdict()).isEqualTo(Verdict.PROBE);
  }

  @Test
  void aProbeThatToldNothingLetsTheNextCallProbe() {
    open("t1", "primary", T0);
    Instant later = T0.plusSeconds(5);
    Admission probe = admit("t1", "primary", later);

    assertThat(breakers.record("t1", "primary", SETTINGS, probe, CallOutcome.NEUTRAL, "probe", "", later))
        .isEqualTo(Transition.NONE);

    assertThat(admit("t1", "primary", later.plusMillis(1)).verdict()).isEqualTo(Verdict.PROBE);
  }

  @Test
  void outcomesOfCallsAdmittedBeforeTheBreakerOpenedChangeNothing() {
    Admission early = admit("t1", "primary", T0);
    open("t1", "primary", T0);

    assertThat(breakers.record("t1", "primary", SETTINGS, early, CallOutcome.SUCCESS, "early", "", T0.plusSeconds(1)))
        .isEqualTo(Transition.NONE);
    assertThat(breakers.record("t1", "primary", SETTINGS, early, CallOutcome.FAILURE, "early2", "x", T0.plusSeconds(1)))
        .isEqualTo(Transition.NONE);
    assertThat(admit("t1", "primary", T0.plusSeconds(2)).until()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void breakersAreSeparatePerTenantAndPerProvider() {
    open("t1", "primary", T0);

    assertThat(admit("t1", "primary", T0).verdict()).isEqualTo(Verdict.REJECT);
    assertThat(admit("t1", "backup", T0).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(admit("t2", "primary", T0).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(redis.connection.sync().smembers(redis.keys.circuitIndexKey("t1"))).containsExactlyInAnyOrder(
        "primary", "backup");
  }

  @Test
  void onlyAFreshOpeningIsAppendedToTheOpeningsStream() {
    open("t1", "primary", T0);
    Admission probe = admit("t1", "primary", T0.plusSeconds(5));
    breakers.record("t1", "primary", SETTINGS, probe, CallOutcome.FAILURE, "probe", "PROVIDER_DOWN: 503",
        T0.plusSeconds(5));

    var entries = redis.connection.sync().xrange(redis.keys.circuitOpeningsStream(), io.lettuce.core.Range.create("-", "+"));
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.getBody()).containsEntry("tenant", "t1").containsEntry("provider", "primary")
          .containsEntry("failures", "3").containsEntry("opened_at", Long.toString(T0.toEpochMilli()))
          .containsEntry("last_error", "PROVIDER_DOWN: down");
    });
  }

  @Test
  void executorsRacingForTheHalfOpenProbeGetExactlyOne() throws Exception {
    open("t1", "primary", T0);
    Instant later = T0.plusSeconds(5);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Verdict>> racers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        racers.add(() -> admit("t1", "primary", later).verdict());
      }
      List<Verdict> verdicts = new ArrayList<>();
      for (Future<Verdict> f : pool.invokeAll(racers)) {
        verdicts.add(f.get());
      }
      assertThat(verdicts).filteredOn(v -> v == Verdict.PROBE).hasSize(1);
      assertThat(verdicts).filteredOn(v -> v == Verdict.REJECT).hasSize(31);
    } finally {
      pool.shutdownNow();
    }
  }

  private Admission admit(String tenant, String provider, Instant now) {
    return breakers.admit(tenant, provider, SETTINGS, now);
  }

  private Transition fail(String tenant, String provider, Instant now) {
    Admission admission = admit(tenant, provider, now);
    return breakers.record(tenant, provider, SETTINGS, admission, CallOutcome.FAILURE, "call-" + calls.incrementAndGet(),
        "PROVIDER_DOWN: down", now);
  }

  /** Three faults at {@code start}: open until start + 5s. */
  private void open(String tenant, String provider, Instant start) {
    fail(tenant, provider, start);
    fail(tenant, provider, start);
    assertThat(fail(tenant, provider, start)).isEqualTo(Transition.OPENED);
  }
}
