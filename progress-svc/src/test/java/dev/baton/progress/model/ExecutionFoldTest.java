package dev.baton.progress.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.baton.common.events.EventPayloads;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ForEach;
import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.StepProgress;
import dev.baton.proto.v1.StepStatus;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionFoldTest {
  static final WorkflowDefinition DEFINITION = WorkflowDefinition.newBuilder().setName("wf")
      .addSteps(Step.newBuilder().setId("a").setHandler("noop"))
      .addSteps(Step.newBuilder().setId("each").addDependsOn("a").setHandler("noop")
          .setForEach(ForEach.newBuilder().setItems("input.items")))
      .addSteps(Step.newBuilder().setId("child").addDependsOn("a").setWorkflow("sub"))
      .addSteps(Step.newBuilder().setId("last").addDependsOn("each").addDependsOn("child").setHandler("noop"))
      .build();

  private final List<ExecutionEvent> log = new ArrayList<>();

  private ExecutionEvent event(String type, String step, int item, int attempt, String payload) {
    long seq = log.size() + 1;
    ExecutionEvent e = EventPayloads.read(ExecutionEvent.newBuilder().setExecutionId("e1").setSequence(seq).setStepId(step)
        .setItemIndex(item).setAttempt(attempt).setTime(Timestamp.newBuilder().setSeconds(1000 + seq)), type, payload).build();
    log.add(e);
    return e;
  }

  private static ExecutionFold fold() {
    return new ExecutionFold(new ExecutionHeader("e1", "default", "wf", 1, DEFINITION,
        Timestamp.newBuilder().setSeconds(1000).build(), ""));
  }

  private ExecutionFold runUntilRetry() {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{\"workflow\":\"wf\",\"version\":1}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "a", -1, 1, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "a", -1, 1,
        "{\"code\":\"FLAKY\",\"message\":\"no\",\"retryAt\":\"1970-01-01T00:20:00Z\",\"nextAttempt\":2,"
            + "\"startedAt\":\"1970-01-01T00:16:44.500Z\"}"));
    return fold;
  }

  @Test
  void failedAttemptWithRetryShowsTheErrorTheBackoffAndWhatHappensNext() {
    ExecutionProgress p = runUntilRetry().progress();

    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_RETRYING);
    assertThat(p.getRunningStepsList()).containsExactly("a");
    assertThat(p.getLastError().getCode()).isEqualTo("FLAKY");
    assertThat(p.getLastError().getNextAction()).isEqualTo("retry (attempt 2) at 1970-01-01T00:20:00Z");
    assertThat(p.getLastError().getRetryTime().getSeconds()).isEqualTo(1200);
    var span = p.getSteps(0).getAttempts(0);
    assertThat(span.getOutcome()).isEqualTo("FAILED");
    assertThat(span.getQueuedTime().getSeconds()).isEqualTo(1003);
    assertThat(span.getStartTime().getNanos()).isEqualTo(500_000_000);
    assertThat(span.getEndTime().getSeconds()).isEqualTo(1004);
    assertThat(span.getRetryTime().getSeconds()).isEqualTo(1200);
  }

  @Test
  void percentCountsForEachElementsAndTheChildExecutionsOwnPercent() {
    ExecutionFold fold = runUntilRetry();
    fold.apply(event("TASK_DISPATCHED", "a", -1, 2, "{}"));
    fold.apply(event("STEP_SUCCEEDED", "a", -1, 2, "{}"));
    fold.apply(event("STEP_STARTED", "each", -1, 1, "{\"itemsTotal\":4}"));
    fold.apply(event("TASK_DISPATCHED", "each", 0, 1, "{}"));
    fold.apply(event("ITEM_SUCCEEDED", "each", 0, 1, "{}"));
    fold.apply(event("STEP_STARTED", "child", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "child", -1, 1, "{\"childExecutionId\":\"c1\"}"));

    assertThat(fold.childrenToFollow()).containsExactly("c1");
    assertThat(fold.childPercent("c1", 50)).isTrue();
    ExecutionProgress p = fold.progress();

    // a: 100, each: 1/4 = 25, child: 50, last: 0 -> 175 / 4
    assertThat(p.getPercent()).isEqualTo(43.75);
    assertThat(p.getSteps(1).getItemsTotal()).isEqualTo(4);
    assertThat(p.getSteps(1).getItemsDone()).isEqualTo(1);
    assertThat(p.getSteps(2).getChildExecutionIdsList()).containsExactly("c1");
    assertThat(p.getSteps(2).getChildExecutionCount()).isEqualTo(1);
    assertThat(p.getSteps(2).getRuns()).isEqualTo("workflow:sub");
    assertThat(p.getSteps(0).getAttemptsList()).extracting(s -> s.getOutcome()).containsExactly("FAILED", "SUCCEEDED");
    assertThat(p.getRunningStepsList()).containsExactly("each", "child");
  }

  private ExecutionFold startedForEach(String startedPayload) {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "a", -1, 1, "{}"));
    fold.apply(event("STEP_SUCCEEDED", "a", -1, 1, "{}"));
    fold.apply(event("STEP_STARTED", "each", -1, 1, startedPayload));
    return fold;
  }

  @Test
  void aForEachStepStartedWithoutAnElementCountShowsZeroUntilItEnds() {
    ExecutionFold fold = startedForEach("{}");
    fold.apply(event("TASK_DISPATCHED", "each", 0, 1, "{}"));
    fold.apply(event("ITEM_SUCCEEDED", "each", 0, 1, "{}"));

    assertThat(fold.progress().getSteps(1).getPercent()).isZero();
    assertThat(fold.progress().getSteps(1).getItemsDone()).isEqualTo(1);

    fold.apply(event("STEP_SUCCEEDED", "each", -1, 1, "{}"));
    assertThat(fold.progress().getSteps(1).getPercent()).isEqualTo(100.0);
  }

  @Test
  void aStepKeepsOnlyItsNewestAttemptSpansInTheOrderTheyOpened() {
    int items = StepFold.MAX_SPANS + 8;
    ExecutionFold fold = startedForEach("{\"itemsTotal\":" + items + "}");
    for (int i = 0; i < items; i++) {
      fold.apply(event("TASK_DISPATCHED", "each", i, 1, "{}"));
      fold.apply(event("ITEM_SUCCEEDED", "each", i, 1, "{}"));
    }
    // the element dispatched last is retried: its second attempt is the newest span
    fold.apply(event("TASK_DISPATCHED", "each", items - 1, 2, "{}"));

    var each = fold.progress().getSteps(1);
    assertThat(each.getAttemptsList()).hasSize(StepFold.MAX_SPANS);
    assertThat(each.getAttempts(0).getItemIndex()).isEqualTo(9);
    assertThat(each.getAttempts(StepFold.MAX_SPANS - 1).getItemIndex()).isEqualTo(items - 1);
    assertThat(each.getAttempts(StepFold.MAX_SPANS - 1).getAttempt()).isEqualTo(2);
    assertThat(each.getAttempts(StepFold.MAX_SPANS - 1).getOutcome()).isEqualTo("QUEUED");
    assertThat(each.getItemsDone()).isEqualTo(items);
  }

  @Test
  void aForEachOverAWorkflowCountsTheChildrenOfUnfinishedElementsByTheirOwnPercent() {
    WorkflowDefinition fanOut = WorkflowDefinition.newBuilder().setName("fan")
        .addSteps(Step.newBuilder().setId("each").setWorkflow("sub")
            .setForEach(ForEach.newBuilder().setItems("input.items")))
        .build();
    ExecutionFold fold = new ExecutionFold(new ExecutionHeader("e1", "default", "fan", 1, fanOut,
        Timestamp.newBuilder().setSeconds(1000).build(), ""));
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "each", -1, 1, "{\"itemsTotal\":4}"));
    fold.apply(event("TASK_DISPATCHED", "each", 0, 1, "{\"childExecutionId\":\"c0\"}"));
    fold.apply(event("TASK_DISPATCHED", "each", 1, 1, "{\"childExecutionId\":\"c1\"}"));
    assertThat(fold.childrenToFollow()).containsExactly("c0", "c1");

    fold.childPercent("c0", 50);
    fold.childPercent("c1", 30);
    // (50 + 30) / 4 elements
    assertThat(fold.percent()).isEqualTo(20.0);

    fold.apply(event("ITEM_SUCCEEDED", "each", 0, 1, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "each", 1, 1, "{\"code\":\"X\",\"retryAt\":\"1970-01-01T00:20:00Z\"}"));
    fold.apply(event("TASK_DISPATCHED", "each", 1, 2, "{\"childExecutionId\":\"c1b\"}"));
    fold.apply(event("TASK_DISPATCHED", "each", 2, 1, "{\"childExecutionId\":\"c2\"}"));
    fold.childPercent("c2", 80);

    // element 0 done (100), c1 failed and its retry c1b has not reported (0), c2 at 80
    assertThat(fold.childrenToFollow()).containsExactly("c1b", "c2");
    assertThat(fold.percent()).isEqualTo(45.0);
    // the children of running elements, then the failed one; the count has them all
    assertThat(fold.progress().getSteps(0).getChildExecutionIdsList()).containsExactly("c1b", "c2", "c1");
    assertThat(fold.progress().getSteps(0).getChildExecutionCount()).isEqualTo(4);
  }

  @Test
  void aForEachOverThousandsOfChildrenNamesOnlyTheRunningAndTheNewestFailedOnes() {
    WorkflowDefinition fanOut = WorkflowDefinition.newBuilder().setName("fan")
        .addSteps(Step.newBuilder().setId("each").setWorkflow("sub")
            .setForEach(ForEach.newBuilder().setItems("input.items").setConcurrency(4)))
        .build();
    ExecutionFold fold = new ExecutionFold(new ExecutionHeader("e1", "default", "fan", 1, fanOut,
        Timestamp.newBuilder().setSeconds(1000).build(), ""));
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "each", -1, 1, "{\"itemsTotal\":5000}"));
    for (int i = 0; i < 4996; i++) {
      fold.apply(event("TASK_DISPATCHED", "each", i, 1, "{\"childExecutionId\":\"c" + i + "\"}"));
      // every tenth element's child fails without retry
      fold.apply(i % 10 == 0
          ? event("ATTEMPT_FAILED", "each", i, 1, "{\"code\":\"X\",\"retryAt\":null}")
          : event("ITEM_SUCCEEDED", "each", i, 1, "{}"));
    }
    for (int i = 4996; i < 5000; i++) {
      fold.apply(event("TASK_DISPATCHED", "each", i, 1, "{\"childExecutionId\":\"c" + i + "\"}"));
    }

    StepProgress each = fold.progress().getSteps(0);
    List<String> newestFailed = java.util.stream.IntStream.range(0, 4996).filter(i -> i % 10 == 0).skip(500 - 32)
        .mapToObj(i -> "c" + i).toList();
    List<String> expected = new ArrayList<>(List.of("c4996", "c4997", "c4998", "c4999"));
    expected.addAll(newestFailed);
    assertThat(each.getChildExecutionIdsList()).containsExactlyElementsOf(expected);
    assertThat(each.getChildExecutionCount()).isEqualTo(5000);
    assertThat(fold.childrenToFollow()).containsExactly("c4996", "c4997", "c4998", "c4999");
  }

  @Test
  void stepFailureEndsTheExecutionAndCancelsOpenAttempts() {
    ExecutionFold fold = runUntilRetry();
    fold.apply(event("TASK_DISPATCHED", "a", -1, 2, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "a", -1, 2, "{\"code\":\"FLAKY\",\"message\":\"again\",\"retryAt\":null}"));
    fold.apply(event("STEP_FAILED", "a", -1, 2, "{\"code\":\"FLAKY\",\"message\":\"again\"}"));
    fold.apply(event("STEP_CANCELLED", "each", -1, 0, "{\"reason\":\"step a failed\"}"));
    fold.apply(event("STEP_CANCELLED", "child", -1, 0, "{\"reason\":\"step a failed\"}"));
    fold.apply(event("STEP_CANCELLED", "last", -1, 0, "{\"reason\":\"step a failed\"}"));
    fold.apply(event("EXECUTION_FAILED", "", -1, 0, "{\"code\":\"FLAKY\",\"message\":\"again\",\"stepId\":\"a\"}"));
    ExecutionProgress p = fold.progress();

    assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(p.getPercent()).isEqualTo(100.0);
    assertThat(p.getLastError().getMessage()).isEqualTo("again");
    assertThat(p.getLastError().getNextAction()).isEqualTo("step failed: execution fails");
    assertThat(p.getSteps(0).getAttempts(1).hasRetryTime()).isFalse();
    assertThat(p.getEndTime().getSeconds()).isEqualTo(1000 + log.size());
    assertThat(fold.isTerminal()).isTrue();
  }

  @Test
  void aBranchOnlyStepFailureSaysTheOtherStepsGoOnAndTheExecutionKeepsRunning() {
    ExecutionFold fold = runUntilRetry();
    fold.apply(event("TASK_DISPATCHED", "a", -1, 2, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "a", -1, 2, "{\"code\":\"GONE\",\"message\":\"again\",\"retryAt\":null}"));
    fold.apply(event("RECOVERY_APPLIED", "a", -1, 2, "{\"rule\":\"steps.a.onError[0]\",\"action\":\"FAIL\","
        + "\"branchOnly\":true,\"code\":\"GONE\"}"));
    assertThat(fold.progress().getLastError().getNextAction())
        .isEqualTo("branch fails; other steps go on (recovery rule steps.a.onError[0])");

    fold.apply(event("STEP_FAILED", "a", -1, 2, "{\"code\":\"GONE\",\"message\":\"again\",\"branchOnly\":true}"));
    ExecutionProgress p = fold.progress();

    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(p.getLastError().getNextAction()).isEqualTo("branch fails; other steps go on");
    assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(fold.isTerminal()).isFalse();
  }

  @Test
  void aRecoveryRuleFallbackNamesTheBackupAsWhatHappensNext() {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "a", -1, 1, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "a", -1, 1,
        "{\"code\":\"PROVIDER_DOWN\",\"message\":\"503\",\"retryAt\":\"1970-01-01T00:17:00Z\",\"nextAttempt\":2}"));
    fold.apply(event("RECOVERY_APPLIED", "a", -1, 1, "{\"rule\":\"steps[a].onError[0]\",\"action\":\"FALLBACK\","
        + "\"code\":\"PROVIDER_DOWN\",\"nextAttempt\":2,\"retryAt\":\"1970-01-01T00:17:00Z\","
        + "\"handler\":\"lead-enrichment\",\"provider\":\"backup\"}"));
    ExecutionProgress p = fold.progress();

    assertThat(p.getLastError().getCode()).isEqualTo("PROVIDER_DOWN");
    assertThat(p.getLastError().getNextAction()).isEqualTo("fall back to lead-enrichment (provider backup), "
        + "attempt 2 at 1970-01-01T00:17:00Z (recovery rule steps[a].onError[0])");
    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_RETRYING);
  }

  @Test
  void anInterveneRuleMakesTheStepAndTheExecutionWaitAndTheErrorSaysWhoMustAct() {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "a", -1, 1, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "a", -1, 1, "{\"code\":\"BAD_LEAD\",\"message\":\"x\",\"retryAt\":null}"));
    fold.apply(event("RECOVERY_APPLIED", "a", -1, 1, "{\"rule\":\"steps.a.onError[0]\",\"action\":\"INTERVENE\","
        + "\"code\":\"BAD_LEAD\",\"reason\":\"check the lead\",\"notify\":\"ops\"}"));
    fold.apply(event("EXECUTION_STATUS_CHANGED", "", -1, 0,
        "{\"status\":\"WAITING_FOR_INTERVENTION\",\"from\":\"RUNNING\"}"));
    ExecutionProgress p = fold.progress();

    assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(fold.isTerminal()).isFalse();
    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(p.getRunningStepsList()).isEmpty();
    assertThat(p.getLastError().getNextAction())
        .isEqualTo("waiting for a person: check the lead (recovery rule steps.a.onError[0])");

    // a person resumes it: the step is pending again and the execution runs
    fold.apply(event("INTERVENTION", "a", -1, 0, "{\"action\":\"RESUME_STEP\",\"actor\":\"alice\",\"reason\":\"ok\"}"));
    fold.apply(event("STEP_RESET", "a", -1, 1, "{\"reason\":\"resumed by alice\"}"));
    fold.apply(event("EXECUTION_STATUS_CHANGED", "", -1, 0, "{\"status\":\"RUNNING\",\"from\":\"WAITING_FOR_INTERVENTION\"}"));
    fold.apply(event("STEP_STARTED", "a", -1, 2, "{}"));
    p = fold.progress();

    assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(p.getSteps(0).hasError()).isFalse();
  }

  @Test
  void aFailedExecutionThatAPersonReopensRunsAgainWithoutItsEnd() {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("STEP_FAILED", "a", -1, 1, "{\"code\":\"X\",\"message\":\"y\"}"));
    fold.apply(event("EXECUTION_FAILED", "", -1, 0, "{\"code\":\"X\",\"message\":\"y\",\"stepId\":\"a\"}"));
    assertThat(fold.isTerminal()).isTrue();

    fold.apply(event("EXECUTION_STATUS_CHANGED", "", -1, 0, "{\"status\":\"RUNNING\",\"from\":\"FAILED\"}"));
    fold.apply(event("STEP_RESET", "a", -1, 1, "{\"reason\":\"retried by alice\"}"));
    ExecutionProgress p = fold.progress();

    assertThat(fold.isTerminal()).isFalse();
    assertThat(p.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(p.hasEndTime()).isFalse();
    assertThat(p.hasLastError()).isFalse();
    assertThat(p.getSteps(0).getStatus()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
  }

  @Test
  void anElementSkippedByARecoveryRuleCountsAsDone() {
    ExecutionFold fold = fold();
    fold.apply(event("EXECUTION_STARTED", "", -1, 0, "{}"));
    fold.apply(event("STEP_STARTED", "a", -1, 1, "{}"));
    fold.apply(event("TASK_DISPATCHED", "a", -1, 1, "{}"));
    fold.apply(event("STEP_SUCCEEDED", "a", -1, 1, "{}"));
    fold.apply(event("STEP_STARTED", "each", -1, 1, "{\"itemsTotal\":2}"));
    fold.apply(event("TASK_DISPATCHED", "each", 0, 1, "{}"));
    fold.apply(event("ATTEMPT_FAILED", "each", 0, 1, "{\"code\":\"INVALID_LEAD\",\"message\":\"x\",\"retryAt\":null}"));
    fold.apply(event("RECOVERY_APPLIED", "each", 0, 1,
        "{\"rule\":\"steps[each].onError[0]\",\"action\":\"SKIP\",\"code\":\"INVALID_LEAD\"}"));
    fold.apply(event("ITEM_SKIPPED", "each", 0, 1, "{\"reason\":\"recovery rule steps[each].onError[0]\"}"));
    ExecutionProgress p = fold.progress();

    assertThat(p.getSteps(1).getItemsDone()).isEqualTo(1);
    assertThat(p.getSteps(1).getStatus()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(p.getLastError().getNextAction())
        .isEqualTo("skip this element; downstream steps run (recovery rule steps[each].onError[0])");
  }

  @Test
  void theReplayOfAPrefixEqualsTheFoldThatStoppedThere() {
    ExecutionFold live = runUntilRetry();
    ExecutionProgress atFour = live.progress();
    live.apply(event("TASK_DISPATCHED", "a", -1, 2, "{}"));
    live.apply(event("STEP_SUCCEEDED", "a", -1, 2, "{}"));

    ExecutionFold replay = live.replay(log, 4);

    assertThat(replay.progress()).isEqualTo(atFour);
    assertThat(replay.sequence()).isEqualTo(4);
  }

  @Test
  void aCopyGoesOnExactlyLikeItsOriginalAndSharesNothingWithIt() {
    event("EXECUTION_STARTED", "", -1, 0, "{}");
    event("STEP_STARTED", "a", -1, 1, "{}");
    event("TASK_DISPATCHED", "a", -1, 1, "{}");
    event("ATTEMPT_FAILED", "a", -1, 1, "{\"code\":\"FLAKY\",\"retryAt\":\"1970-01-01T00:20:00Z\",\"nextAttempt\":2}");
    event("TASK_DISPATCHED", "a", -1, 2, "{}");
    event("STEP_SUCCEEDED", "a", -1, 2, "{\"startedAt\":\"1970-01-01T00:16:50Z\"}");
    event("STEP_STARTED", "each", -1, 1, "{\"itemsTotal\":3}");
    event("TASK_DISPATCHED", "each", 0, 1, "{}");
    event("TASK_DISPATCHED", "each", 1, 1, "{}");
    event("ITEM_SUCCEEDED", "each", 0, 1, "{}");
    event("ATTEMPT_FAILED", "each", 1, 1, "{\"code\":\"X\",\"retryAt\":\"1970-01-01T00:21:00Z\"}");
    event("TASK_DISPATCHED", "each", 1, 2, "{}");
    event("ITEM_SUCCEEDED", "each", 1, 2, "{}");
    event("STEP_STARTED", "child", -1, 1, "{}");
    event("TASK_DISPATCHED", "child", -1, 1, "{\"childExecutionId\":\"c1\"}");
    event("TASK_DISPATCHED", "each", 2, 1, "{}");
    event("ITEM_SUCCEEDED", "each", 2, 1, "{}");
    event("STEP_SUCCEEDED", "each", -1, 1, "{}");
    event("STEP_SUCCEEDED", "child", -1, 1, "{}");
    event("STEP_STARTED", "last", -1, 1, "{}");
    event("TASK_DISPATCHED", "last", -1, 1, "{}");
    event("STEP_SUCCEEDED", "last", -1, 1, "{}");
    event("EXECUTION_SUCCEEDED", "", -1, 0, "{}");

    for (int at = 0; at <= log.size(); at++) {
      ExecutionFold original = fold();
      original.childPercent("c1", 40);
      log.subList(0, at).forEach(original::apply);
      ExecutionFold copy = original.copy();
      assertThat(copy.sequence()).isEqualTo(at);
      assertThat(copy.progress()).isEqualTo(original.progress());

      // the copy first: anything it shared (an open attempt span) would show in the original after
      List<ExecutionProgress> fromCopy = rest(copy, at);
      assertThat(rest(original, at)).as("after a copy at " + at).containsExactlyElementsOf(fromCopy);
    }
  }

  private List<ExecutionProgress> rest(ExecutionFold fold, int from) {
    List<ExecutionProgress> progress = new ArrayList<>();
    for (ExecutionEvent e : log.subList(from, log.size())) {
      fold.apply(e);
      progress.add(fold.progress());
    }
    return progress;
  }

  @Test
  void eventsMustComeInSequence() {
    ExecutionFold fold = fold();
    event("EXECUTION_STARTED", "", -1, 0, "{}");
    ExecutionEvent second = event("STEP_STARTED", "a", -1, 1, "{}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fold.apply(second))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 1");
  }
}
