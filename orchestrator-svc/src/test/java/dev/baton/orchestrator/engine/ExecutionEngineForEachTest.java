package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.proto.v1.ExecutionEvent.Type.ITEM_SUCCEEDED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionEngineForEachTest {
  private static final CompiledWorkflow FAN_OUT = compile("""
      name: fan-out
      steps:
        - id: each
          handler: noop
          forEach: { items: "input.leads", concurrency: 2 }
          input: { lead: "${item}", position: "${index}" }
          retry: { maxAttempts: 2 }
        - { id: after, handler: noop, dependsOn: [each], input: { all: "${steps.each.output}" } }
      """);

  private final ExecutionEngine engine = new EngineFixture().engine;

  @Test
  void startsOnlyAsManyItemsAsTheConcurrencyAllowsWithTheirItemAndIndex() {
    ExecutionRecord execution = running(FAN_OUT, "{\"leads\":[\"l0\",\"l1\",\"l2\",\"l3\",\"l4\"]}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, FAN_OUT, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).extracting(NewTask::itemIndex).containsExactly(0, 1);
    assertThat(changes.newTasks()).allMatch(t -> t.status() == TaskStatus.QUEUED && t.attempt() == 1);
    assertThat(json(changes.newTasks().get(1).payload().getInputJson()))
        .isEqualTo(json("{\"lead\":\"l1\",\"position\":1}"));
    assertThat(changes.newTasks().get(1).payload().getIdempotencyKey()).isEqualTo(execution.id + "/each[1]/1");
    assertThat(changes.newTasks().get(1).payload().getItemIndex()).isEqualTo(1);
    StepRecord each = state.step("each");
    assertThat(each.status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(each.itemsTotal()).isEqualTo(5);
    assertThat(each.itemsStarted()).isEqualTo(2);
    assertThat(each.items()).isEqualTo(json("[\"l0\",\"l1\",\"l2\",\"l3\",\"l4\"]"));
  }

  @Test
  void theStepStartedEventCarriesTheNumberOfElementsSoWatchersNeedNotReadStepStates() {
    ExecutionRecord execution = running(FAN_OUT, "{\"leads\":[\"l0\",\"l1\",\"l2\",\"l3\",\"l4\"]}");
    Changes changes = new Changes();

    engine.start(execution, FAN_OUT, NO_CHILDREN, changes);

    assertThat(changes.events()).filteredOn(e -> e.type() == STEP_STARTED).singleElement()
        .satisfies(e -> {
          assertThat(e.stepId()).isEqualTo("each");
          assertThat(e.payload().getStepStarted().getItemsTotal()).isEqualTo(5);
        });
  }

  @Test
  void anEmptyListStartsWithZeroElementsAndAListThatIsNotOneStartsWithoutACount() {
    CompiledWorkflow workflow = compile("""
        name: empty
        steps:
          - { id: each, handler: noop, forEach: { items: "input.leads" } }
        """);
    Changes empty = new Changes();
    engine.start(running(workflow, "{\"leads\":[]}"), workflow, NO_CHILDREN, empty);
    Changes notAList = new Changes();
    engine.start(running(workflow, "{\"leads\":\"x\"}"), workflow, NO_CHILDREN, notAList);

    assertThat(empty.events()).filteredOn(e -> e.type() == STEP_STARTED).singleElement()
        .satisfies(e -> {
          assertThat(e.payload().getStepStarted().hasItemsTotal()).isTrue();
          assertThat(e.payload().getStepStarted().getItemsTotal()).isZero();
        });
    assertThat(notAList.events()).extracting(Event::type)
        .containsSubsequence(STEP_STARTED, STEP_FAILED);
    assertThat(notAList.events()).filteredOn(e -> e.type() == STEP_STARTED).singleElement()
        .satisfies(e -> assertThat(e.payload().getStepStarted().hasItemsTotal()).isFalse());
  }

  @Test
  void eachItemThatSucceedsStartsTheNextAndTheOutputKeepsItemOrderWhateverTheCompletionOrder() {
    ExecutionRecord execution = running(FAN_OUT, "{\"leads\":[\"l0\",\"l1\",\"l2\",\"l3\",\"l4\"]}");
    Changes started = new Changes();
    ExecutionState state = engine.start(execution, FAN_OUT, NO_CHILDREN, started);
    Map<Integer, NewTask> open = new HashMap<>();
    started.newTasks().forEach(t -> open.put(t.itemIndex(), t));

    for (int index : List.of(1, 2, 0, 4)) {
      Changes changes = new Changes();
      engine.onTaskSucceeded(state, record(open.remove(index)), json("\"out" + index + "\""), NO_CHILDREN, changes);
      changes.newTasks().forEach(t -> open.put(t.itemIndex(), t));
      assertThat(changes.events()).anyMatch(e -> e.type() == ITEM_SUCCEEDED && e.itemIndex() == index);
      assertThat(open).as("items in flight after item %d succeeded", index).hasSizeLessThanOrEqualTo(2);
    }
    assertThat(open).containsOnlyKeys(3);
    assertThat(state.step("each").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);

    Changes last = new Changes();
    engine.onTaskSucceeded(state, record(open.remove(3)), json("\"out3\""), NO_CHILDREN, last);

    assertThat(state.step("each").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("each").output()).isEqualTo(json("[\"out0\",\"out1\",\"out2\",\"out3\",\"out4\"]"));
    NewTask after = onlyTask(last);
    assertThat(after.stepId()).isEqualTo("after");
    assertThat(json(after.payload().getInputJson()))
        .isEqualTo(json("{\"all\":[\"out0\",\"out1\",\"out2\",\"out3\",\"out4\"]}"));
  }

  @Test
  void anEmptyListSucceedsTheStepWithAnEmptyOutputAndNoTasks() {
    CompiledWorkflow workflow = compile("""
        name: empty
        steps:
          - { id: each, handler: noop, forEach: { items: "input.leads" } }
        """);
    ExecutionRecord execution = running(workflow, "{\"leads\":[]}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("each").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("each").output()).isEqualTo(json("[]"));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(execution.output()).isEqualTo(json("{\"each\":[]}"));
  }

  @Test
  void itemsThatAreNotAListFailTheStepWithAnExpressionError() {
    ExecutionRecord execution = running(FAN_OUT, "{\"leads\":\"not a list\"}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, FAN_OUT, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("each").error().getCode()).isEqualTo("EXPRESSION_ERROR");
    assertThat(state.step("each").error().getMessage()).contains("steps.each.forEach.items: expected a list");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  @Test
  void aFailedItemIsRetriedAloneWithoutStartingAnotherItemOrLeavingRunning() {
    ExecutionRecord execution = running(FAN_OUT, "{\"leads\":[\"l0\",\"l1\",\"l2\"]}");
    Changes started = new Changes();
    ExecutionState state = engine.start(execution, FAN_OUT, NO_CHILDREN, started);
    Changes changes = new Changes();

    engine.onTaskFailed(state, record(started.newTasks().get(0)),
        StepError.newBuilder().setCode("HTTP_503").setRetryable(true).build(), NO_CHILDREN, changes);

    NewTask retry = onlyTask(changes);
    assertThat(retry.itemIndex()).isZero();
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.payload().getIdempotencyKey()).isEqualTo(execution.id + "/each[0]/2");
    assertThat(json(retry.payload().getInputJson())).isEqualTo(json("{\"lead\":\"l0\",\"position\":0}"));
    assertThat(state.step("each").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(state.step("each").itemsStarted()).isEqualTo(2);
    assertThat(changes.events()).singleElement().satisfies(e -> assertThat(e.itemIndex()).isZero());
  }
}
