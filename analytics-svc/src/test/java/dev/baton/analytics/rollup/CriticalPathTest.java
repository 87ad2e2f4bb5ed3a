package dev.baton.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriticalPathTest {
  private static final long MS = 1_000_000L;

  private static AttemptTiming attempt(String step, long startMs, long endMs, long queueMs, long runMs) {
    return new AttemptTiming(step, -1, 1, startMs * MS, endMs * MS, endMs * MS, 0, queueMs * MS, runMs * MS, false);
  }

  @Test
  void aDiamondChargesTheSlowBranchAndNotTheFastOne() {
    // a (0..100) -> {slow (110..1110), fast (110..210)} -> join (1120..1200)
    Map<String, PathShare> path = CriticalPath.of(0, List.of(
        attempt("a", 0, 100, 10, 90),
        attempt("slow", 110, 1110, 5, 995),
        attempt("fast", 110, 210, 5, 95),
        attempt("join", 1120, 1200, 5, 75)));

    assertThat(path).containsOnlyKeys("a", "slow", "join");
    assertThat(path.get("a").nanos()).isEqualTo(100 * MS);
    assertThat(path.get("slow").nanos()).as("from a's end to its own end").isEqualTo(1010 * MS);
    assertThat(path.get("slow").runNanos()).isEqualTo(995 * MS);
    assertThat(path.get("slow").queueNanos()).isEqualTo(5 * MS);
    assertThat(path.get("join").nanos()).isEqualTo(90 * MS);
  }

  @Test
  void retriesOfAStepCountFromTheFirstAttemptAndSplitIntoBackoffQueueAndRun() {
    Map<String, PathShare> path = CriticalPath.of(0, List.of(
        new AttemptTiming("call", -1, 1, 0, 100 * MS, 100 * MS, 0, 10 * MS, 90 * MS, true),
        new AttemptTiming("call", -1, 2, 100 * MS, 700 * MS, 700 * MS, 500 * MS, 10 * MS, 90 * MS, false)));

    PathShare call = path.get("call");
    assertThat(call.nanos()).isEqualTo(700 * MS);
    assertThat(call.backoffNanos()).isEqualTo(500 * MS);
    assertThat(call.queueNanos()).isEqualTo(20 * MS);
    assertThat(call.runNanos()).isEqualTo(180 * MS);
  }

  @Test
  void aForEachStepIsSplitByTheElementThatEndedLast() {
    Map<String, PathShare> path = CriticalPath.of(0, List.of(
        new AttemptTiming("each", 0, 1, 0, 100 * MS, 100 * MS, 0, 0, 100 * MS, false),
        new AttemptTiming("each", 1, 1, 0, 400 * MS, 400 * MS, 0, 300 * MS, 100 * MS, false)));

    assertThat(path.get("each")).isEqualTo(new PathShare(400 * MS, 300 * MS, 100 * MS, 0));
  }

  @Test
  void aStepEndsOnThePathWhenItsResultIsAppliedSoTheTripOfTheResultIsCharged() {
    // a runs 0..100, its result is applied at 130; b is dispatched at 128, inside that transaction
    Map<String, PathShare> path = CriticalPath.of(0, List.of(
        new AttemptTiming("a", -1, 1, 0, 100 * MS, 130 * MS, 0, 5 * MS, 95 * MS, false),
        new AttemptTiming("b", -1, 1, 128 * MS, 200 * MS, 220 * MS, 0, 5 * MS, 60 * MS, false)));

    assertThat(path).containsOnlyKeys("a", "b");
    assertThat(path.get("a").nanos()).isEqualTo(130 * MS);
    assertThat(path.get("b").nanos()).isEqualTo(90 * MS);
    assertThat(path.get("b").runNanos()).isEqualTo(60 * MS);
  }

  @Test
  void anExecutionWithoutAttemptsHasAnEmptyPath() {
    assertThat(CriticalPath.of(0, List.of())).isEmpty();
  }
}
