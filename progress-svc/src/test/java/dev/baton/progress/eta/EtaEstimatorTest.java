package dev.baton.progress.eta;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.Eta;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepProgress;
import dev.baton.proto.v1.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
  static final Instant NOW = Instant.ofEpochSecond(10_000);

  private static StepProgress step(String id, StepStatus status, Instant started, String... deps) {
    StepProgress.Builder b = StepProgress.newBuilder().setStepId(id).setStatus(status).addAllDependsOn(List.of(deps));
    if (started != null) {
      b.setStartTime(Timestamp.newBuilder().setSeconds(started.getEpochSecond()));
    }
    return b.build();
  }

  private static ExecutionProgress running(StepProgress... steps) {
    return ExecutionProgress.newBuilder().setStatus(ExecutionStatus.EXECUTION_STATUS_RUNNING)
        .addAllSteps(List.of(steps)).build();
  }

  // a -> (fast | slow) -> join
  static final StepHistory HISTORY = StepHistory.of(3, 5, Map.of(
      "a", List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(9)),
      "fast", List.of(Duration.ofSeconds(1)),
      "slow", List.of(Duration.ofSeconds(10), Duration.ofSeconds(12)),
      "join", List.of(Duration.ofSeconds(3))));

  @Test
  void remainingTimeIsTheLongestPathOfMediansThroughUnfinishedSteps() {
    Eta eta = EtaEstimator.estimate(running(
        step("a", StepStatus.STEP_STATUS_PENDING, null),
        step("fast", StepStatus.STEP_STATUS_PENDING, null, "a"),
        step("slow", StepStatus.STEP_STATUS_PENDING, null, "a"),
        step("join", StepStatus.STEP_STATUS_PENDING, null, "fast", "slow")), HISTORY, NOW);

    assertThat(eta.getAvailable()).isTrue();
    // median(a) 2s + median(slow) 11s + median(join) 3s
    assertThat(eta.getRemaining().getSeconds()).isEqualTo(16);
    assertThat(eta.getEstimatedEndTime().getSeconds()).isEqualTo(NOW.getEpochSecond() + 16);
    assertThat(eta.getBasis()).startsWith("critical path a -> slow -> join").contains("5 earlier successful runs");
    assertThat(eta.getHistoryRuns()).isEqualTo(5);
  }

  @Test
  void aRunningStepCountsOnlyWhatIsLeftOfItsMedian() {
    Eta eta = EtaEstimator.estimate(running(
        step("a", StepStatus.STEP_STATUS_SUCCEEDED, NOW.minusSeconds(30)),
        step("fast", StepStatus.STEP_STATUS_SUCCEEDED, NOW.minusSeconds(20), "a"),
        step("slow", StepStatus.STEP_STATUS_RUNNING, NOW.minusSeconds(4), "a"),
        step("join", StepStatus.STEP_STATUS_PENDING, null, "fast", "slow")), HISTORY, NOW);

    // slow: 11s - 4s elapsed = 7s, then join 3s
    assertThat(eta.getRemaining().getSeconds()).isEqualTo(10);
    assertThat(eta.getBasis()).startsWith("critical path slow -> join");
  }

  @Test
  void aStepPastItsMedianCountsZeroNotNegative() {
    Eta eta = EtaEstimator.estimate(running(
        step("a", StepStatus.STEP_STATUS_RUNNING, NOW.minusSeconds(60)),
        step("fast", StepStatus.STEP_STATUS_PENDING, null, "a"),
        step("slow", StepStatus.STEP_STATUS_PENDING, null, "a"),
        step("join", StepStatus.STEP_STATUS_PENDING, null, "fast", "slow")), HISTORY, NOW);

    assertThat(eta.getRemaining().getSeconds()).isEqualTo(14);
  }

  @Test
  void withoutHistoryThereIsNoEstimateAndTheBasisSaysWhy() {
    Eta eta = EtaEstimator.estimate(running(step("a", StepStatus.STEP_STATUS_PENDING, null)),
        StepHistory.none(7), NOW);

    assertThat(eta.getAvailable()).isFalse();
    assertThat(eta.getBasis()).isEqualTo("no estimate yet: no earlier successful run of version 7");
  }

  @Test
  void medianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
    assertThat(StepHistory.median(List.of(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(10)))).isEqualTo(Duration.ofSeconds(3));
  }
}
