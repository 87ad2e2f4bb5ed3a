package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.Eta;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.StepProgress;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Percent and ETA as a watcher sees them on a workflow whose step durations are known. */
class ProgressEtaIT {
  private static final Logger log = LoggerFactory.getLogger(ProgressEtaIT.class);

  // a short cache so that the third run's tracker sees the first two runs as history
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_PROGRESS_ETA_CACHE", "100ms"));

  static final String TIMED = """
      name: eta-timed
      steps:
        - { id: a, handler: sleep, input: { duration: "1s" } }
        - { id: b, handler: sleep, dependsOn: [a], input: { duration: "2s" } }
        - { id: c, handler: sleep, dependsOn: [b], input: { duration: "1s" } }
      """;

  static final String FAN_OUT = """
      name: eta-fan-out
      steps:
        - id: each
          handler: sleep
          forEach: { items: "input.items", concurrency: 1 }
          input: { duration: "50ms" }
        - { id: after, handler: noop, dependsOn: [each] }
      """;

  static final String CHILD = """
      name: eta-child
      steps:
        - { id: first, handler: sleep, input: { duration: "500ms" } }
        - { id: second, handler: sleep, dependsOn: [first], input: { duration: "500ms" } }
      """;

  static final String CHILD_FAN_OUT = """
      name: eta-child-fan-out
      steps:
        - id: each
          workflow: eta-child
          forEach: { items: "input.items", concurrency: 1 }
      """;

  static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    Executions.apply(stack.platform().client(), TIMED);
    Executions.apply(stack.platform().client(), FAN_OUT);
    Executions.apply(stack.platform().client(), CHILD);
    Executions.apply(stack.platform().client(), CHILD_FAN_OUT);
    channel = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() {
    channel.shutdownNow();
  }

  @Test
  void withHistoryTheEtaMidRunIsWithinTwentyPercentOfTheRealRemainingTime() {
    List<ExecutionUpdate> first = watchRun("eta-timed", "{}", 0);
    assertThat(running(first)).isNotEmpty().allSatisfy(u -> {
      Eta eta = u.getProgress().getEta();
      assertThat(eta.getAvailable()).isFalse();
      assertThat(eta.getHistoryRuns()).isZero();
      assertThat(eta.getBasis()).isEqualTo("no estimate yet: no earlier successful run of version 1");
    });
    watchRun("eta-timed", "{}", 0);

    List<ExecutionUpdate> third = watchRun("eta-timed", "{}", 0);

    ExecutionProgress last = third.get(third.size() - 1).getProgress();
    Instant end = instant(last.getEndTime());
    for (String step : List.of("b", "c")) {
      ExecutionUpdate started = third.stream()
          .filter(u -> u.getEvent().getType() == ExecutionEvent.Type.STEP_STARTED && u.getEvent().getStepId().equals(step))
          .findFirst().orElseThrow();
      Eta eta = started.getProgress().getEta();
      assertThat(eta.getAvailable()).isTrue();
      assertThat(eta.getHistoryRuns()).isEqualTo(2);
      Duration estimated = Duration.ofSeconds(eta.getRemaining().getSeconds(), eta.getRemaining().getNanos());
      // the instant the estimate was made: its end time minus what it says remains
      Instant estimatedAt = instant(eta.getEstimatedEndTime()).minus(estimated);
      Duration real = Duration.between(estimatedAt, end);
      double error = Math.abs(estimated.toMillis() - real.toMillis()) / (double) real.toMillis();
      log.info("ETA at the start of step {}: estimated {} ms, real {} ms remaining, error {}%", step,
          estimated.toMillis(), real.toMillis(), String.format("%.1f", error * 100));
      assertThat(error).as("ETA error at the start of %s (estimated %s, real %s)", step, estimated, real)
          .isLessThanOrEqualTo(0.20);
      assertThat(eta.getBasis()).isEqualTo("critical path " + (step.equals("b") ? "b -> c" : "c")
          + ": median step durations of 2 earlier successful runs of version 1");
    }
  }

  @Test
  void percentGrowsMonotonicallyAndReaches100AndAForEachStepCountsItsElements() {
    List<ExecutionUpdate> updates = watchRun("eta-fan-out", ProgressStreamIT.items(4), 1);

    double previous = -1;
    for (ExecutionUpdate update : updates) {
      assertThat(update.getProgress().getPercent()).as("percent at sequence %d", update.getProgress().getSequence())
          .isGreaterThanOrEqualTo(previous);
      previous = update.getProgress().getPercent();
    }
    assertThat(previous).isEqualTo(100.0);
    // each element done adds 1/4 of the forEach step, which weighs 1 of the 2 steps
    List<Double> afterItems = updates.stream().filter(u -> u.getEvent().getType() == ExecutionEvent.Type.ITEM_SUCCEEDED)
        .map(u -> u.getProgress().getPercent()).toList();
    assertThat(afterItems).containsExactly(12.5, 25.0, 37.5, 50.0);
    StepProgress each = updates.stream().filter(u -> u.getEvent().getType() == ExecutionEvent.Type.ITEM_SUCCEEDED)
        .findFirst().orElseThrow().getProgress().getSteps(0);
    assertThat(each.getItemsTotal()).isEqualTo(4);
    assertThat(each.getItemsDone()).isEqualTo(1);
    assertThat(each.getPercent()).isEqualTo(25.0);
  }

  @Test
  void aForEachOverAChildWorkflowMovesWithTheProgressOfItsRunningChild() {
    List<ExecutionUpdate> updates = watchRun("eta-child-fan-out", ProgressStreamIT.items(2), 0);

    double previous = -1;
    for (ExecutionUpdate update : updates) {
      assertThat(update.getProgress().getPercent()).isGreaterThanOrEqualTo(previous);
      previous = update.getProgress().getPercent();
    }
    assertThat(previous).isEqualTo(100.0);
    // elements alone would give 0, 50 and 100: a child done with one of its two steps shows as
    // half an element, in an update without event (the child moved, not the parent)
    assertThat(updates).filteredOn(u -> !u.hasEvent() && !u.getSnapshot())
        .extracting(u -> u.getProgress().getPercent()).contains(25.0, 75.0);
  }

  /**
   * Starts an execution, watches it until it ends and returns every update. {@code resumeAfter} 0
   * takes only live updates (their ETA is estimated when the event happens); 1 every event.
   */
  private static List<ExecutionUpdate> watchRun(String workflow, String input, long resumeAfter) {
    Execution started = Executions.start(stack.platform().client(), workflow, input);
    ProgressWatch watch = ProgressWatch.start(channel, stack.admin(), started.getId(), resumeAfter);
    assertThat(watch.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
    List<ExecutionUpdate> updates = watch.updates();
    assertThat(updates.get(updates.size() - 1).getProgress().getStatus())
        .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    return updates;
  }

  private static List<ExecutionUpdate> running(List<ExecutionUpdate> updates) {
    return updates.stream()
        .filter(u -> u.getProgress().getStatus() == ExecutionStatus.EXECUTION_STATUS_RUNNING).toList();
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
