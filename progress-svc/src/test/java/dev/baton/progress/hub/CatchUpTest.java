package dev.baton.progress.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.baton.common.events.EventPayloads;
import dev.baton.progress.model.ExecutionFold;
import dev.baton.progress.model.ExecutionHeader;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ForEach;
import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CatchUpTest {
  static final WorkflowDefinition DEFINITION = WorkflowDefinition.newBuilder().setName("wf")
      .addSteps(Step.newBuilder().setId("a").setHandler("noop"))
      .addSteps(Step.newBuilder().setId("each").addDependsOn("a").setHandler("noop")
          .setForEach(ForEach.newBuilder().setItems("input.items")))
      .build();

  private final List<ExecutionEvent> log = new ArrayList<>();

  private void event(String type, String step, int item, String payload) {
    long seq = log.size() + 1;
    log.add(EventPayloads.read(ExecutionEvent.newBuilder().setExecutionId("e1").setSequence(seq).setStepId(step)
        .setItemIndex(item).setAttempt(step.isEmpty() ? 0 : 1)
        .setTime(Timestamp.newBuilder().setSeconds(1000 + seq)), type, payload).build());
  }

  private static ExecutionFold fold() {
    return new ExecutionFold(new ExecutionHeader("e1", "default", "wf", 1, DEFINITION,
        Timestamp.newBuilder().setSeconds(1000).build(), ""));
  }

  /** A run of the workflow; the forEach step's STEP_STARTED carries its element count, as the orchestrator writes it. */
  private void run(int items) {
    event("EXECUTION_STARTED", "", -1, "{\"workflow\":\"wf\",\"version\":1}");
    event("STEP_STARTED", "a", -1, "{}");
    event("STEP_SUCCEEDED", "a", -1, "{}");
    event("STEP_STARTED", "each", -1, "{\"itemsTotal\":" + items + "}");
    for (int i = 0; i < items; i++) {
      event("ITEM_SUCCEEDED", "each", i, "{}");
    }
    event("STEP_SUCCEEDED", "each", -1, "{}");
    event("EXECUTION_SUCCEEDED", "", -1, "{}");
  }

  private static List<Long> sequences(List<ExecutionUpdate> page) {
    return page.stream().map(u -> u.getEvent().getSequence()).toList();
  }

  @Test
  void pagesHoldAtMostMaxUpdatesAndContinueWhereTheLastOneStopped() {
    run(5);
    CatchUp catchUp = new CatchUp(fold().replay(log, 2));

    List<ExecutionUpdate> first = catchUp.next(log, 4, UnaryOperator.identity());
    List<ExecutionUpdate> second = catchUp.next(log, 4, UnaryOperator.identity());
    List<ExecutionUpdate> third = catchUp.next(log, 4, UnaryOperator.identity());

    assertThat(sequences(first)).containsExactly(3L, 4L, 5L, 6L);
    assertThat(sequences(second)).containsExactly(7L, 8L, 9L, 10L);
    assertThat(sequences(third)).containsExactly(11L);
    assertThat(catchUp.next(log, 4, UnaryOperator.identity())).isEmpty();
  }

  @Test
  void eachUpdateCarriesTheProgressAfterItsEventAsAFoldOfTheWholeLogWouldHaveIt() {
    run(3);
    CatchUp catchUp = new CatchUp(fold().replay(log, 1));
    ExecutionFold direct = fold();
    direct.apply(log.get(0));

    for (ExecutionUpdate update : catchUp.next(log, 100, UnaryOperator.identity())) {
      direct.apply(update.getEvent());
      assertThat(update.getProgress()).as("after %d", update.getEvent().getSequence()).isEqualTo(direct.progress());
    }
    assertThat(catchUp.sequence()).isEqualTo(log.size());
  }

  @Test
  void reachedOnlyOnceEveryEventUpToTheGivenSequenceWasReplayed() {
    run(2);
    CatchUp catchUp = new CatchUp(fold().replay(log, 3));

    assertThat(catchUp.reached(3)).isTrue();
    assertThat(catchUp.reached(4)).isFalse();
    catchUp.next(log, 2, UnaryOperator.identity());
    assertThat(catchUp.reached(5)).isTrue();
    assertThat(catchUp.reached(log.size())).isFalse();
    catchUp.next(log, log.size(), UnaryOperator.identity());
    assertThat(catchUp.reached(log.size())).isTrue();
  }

  @Test
  void aReplayThatStartsBeforeTheForEachStepLearnsItsElementCountFromTheReplayedEvents() {
    run(4);
    CatchUp catchUp = new CatchUp(fold().replay(log, 3));

    List<ExecutionUpdate> page = catchUp.next(log, 2, UnaryOperator.identity());

    ExecutionProgress afterFirstItem = page.get(1).getProgress();
    assertThat(afterFirstItem.getSteps(1).getItemsTotal()).isEqualTo(4);
    assertThat(afterFirstItem.getSteps(1).getItemsDone()).isEqualTo(1);
  }

  @Test
  void theEtaFunctionIsAppliedToEveryUpdate() {
    run(1);
    CatchUp catchUp = new CatchUp(fold().replay(log, 1));

    List<ExecutionUpdate> page = catchUp.next(log, 3, p -> p.toBuilder().setPercent(-1).build());

    assertThat(page).hasSize(3).allMatch(u -> u.getProgress().getPercent() == -1);
  }

  @Test
  void aPageOfLessThanOneUpdateIsRefused() {
    run(1);
    CatchUp catchUp = new CatchUp(fold().replay(log, 1));

    assertThatThrownBy(() -> catchUp.next(log, 0, UnaryOperator.identity()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("max: 0 (expected: >= 1)");
  }

  @Test
  void aReplayAtTheEndOfTheLogHasNothingMore() {
    run(1);
    CatchUp catchUp = new CatchUp(fold().replay(log, log.size()));

    assertThat(catchUp.next(log, 10, UnaryOperator.identity())).isEmpty();
    assertThat(catchUp.sequence()).isEqualTo(log.size());
    assertThat(LongStream.rangeClosed(1, log.size())).allMatch(catchUp::reached);
  }
}
