package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.LEASE;
import static dev.baton.orchestrator.engine.EngineFixture.NOW;
import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.eventTypes;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.orchestrator.engine.EngineFixture.taskOf;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_STARTED;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_SUCCEEDED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_STARTED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_SUCCEEDED;
import static dev.baton.proto.v1.ExecutionEvent.Type.TASK_DISPATCHED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.common.json.Json;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

class ExecutionEngineDagTest {
  private static final String DIAMOND = """
      name: diamond
      steps:
        - { id: a, handler: noop, input: { text: "${input.text}", fixed: 7 } }
        - { id: b, handler: noop, dependsOn: [a], input: { fromA: "${steps.a.output.n}" } }
        - { id: c, handler: noop, dependsOn: [a] }
        - { id: d, handler: noop, dependsOn: [b, c] }
      """;

  private final EngineFixture fixture = new EngineFixture();
  private final ExecutionEngine engine = fixture.engine;

  @Test
  void startQueuesOnlyTheRootWithItsRenderedInputLeaseAndIdempotencyKey() {
    CompiledWorkflow workflow = compile(DIAMOND);
    ExecutionRecord execution = running(workflow, "{\"text\":\"hello\"}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    NewTask a = onlyTask(changes);
    assertThat(a.stepId()).isEqualTo("a");
    assertThat(a.kind()).isEqualTo(TaskKind.HANDLER);
    assertThat(a.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(a.itemIndex()).isEqualTo(-1);
    assertThat(a.attempt()).isEqualTo(1);
    assertThat(a.executionId()).isEqualTo(execution.id);
    assertThat(a.tenantId()).isEqualTo("default");
    assertThat(a.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
    assertThat(a.dueAt()).isNull();
    assertThat(a.dispatchNow()).isTrue();
    assertThat(a.payload().getTaskId()).isEqualTo(a.id().toString());
    assertThat(a.payload().getIdempotencyKey()).isEqualTo(execution.id + "/a/1");
    assertThat(a.payload().getHandler()).isEqualTo("noop");
    assertThat(a.payload().getTraceparent()).isEqualTo(EngineFixture.TRACEPARENT);
    assertThat(json(a.payload().getInputJson())).isEqualTo(json("{\"text\":\"hello\",\"fixed\":7}"));
    assertThat(changes.dispatches()).containsExactly(a.payload());

    assertThat(changes.created()).containsExactly(state);
    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
    assertThat(state.step("c").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
    assertThat(state.step("d").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
    assertThat(eventTypes(changes))
        .containsExactly(EXECUTION_STARTED, STEP_STARTED, TASK_DISPATCHED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
  }

  @Test
  void bothBranchesOfTheDiamondAreQueuedInTheSameTransitionOnceTheRootSucceeds() {
    CompiledWorkflow workflow = compile(DIAMOND);
    Changes started = new Changes();
    ExecutionState state = engine.start(running(workflow, "{\"text\":\"x\"}"), workflow, NO_CHILDREN, started);

    Changes changes = new Changes();
    engine.onTaskSucceeded(state, record(onlyTask(started)), json("{\"n\":42}"), NO_CHILDREN, changes);

    assertThat(changes.newTasks()).extracting(NewTask::stepId).containsExactly("b", "c");
    assertThat(json(taskOf(changes, "b").payload().getInputJson())).isEqualTo(json("{\"fromA\":42}"));
    assertThat(changes.taskOutcomes()).singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(TaskStatus.SUCCEEDED));
    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("a").output()).isEqualTo(json("{\"n\":42}"));
    assertThat(state.step("d").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
  }

  @Test
  void theJoinStartsOnlyAfterAllItsDependenciesSucceededAndThenTheExecutionSucceedsWithTheSinkOutputs() {
    CompiledWorkflow workflow = compile(DIAMOND);
    Changes started = new Changes();
    ExecutionRecord execution = running(workflow, "{\"text\":\"x\"}");
    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, started);
    Changes afterA = new Changes();
    engine.onTaskSucceeded(state, record(onlyTask(started)), json("{\"n\":1}"), NO_CHILDREN, afterA);

    Changes afterB = new Changes();
    engine.onTaskSucceeded(state, record(taskOf(afterA, "b")), json("\"b-out\""), NO_CHILDREN, afterB);
    assertThat(afterB.newTasks()).isEmpty();
    assertThat(state.step("d").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);

    Changes afterC = new Changes();
    engine.onTaskSucceeded(state, record(taskOf(afterA, "c")), json("\"c-out\""), NO_CHILDREN, afterC);
    NewTask d = onlyTask(afterC);
    assertThat(d.stepId()).isEqualTo("d");

    Changes afterD = new Changes();
    engine.onTaskSucceeded(state, record(d), json("{\"done\":true}"), NO_CHILDREN, afterD);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(execution.output()).isEqualTo(json("{\"d\":{\"done\":true}}"));
    assertThat(execution.finishedAt()).isEqualTo(NOW);
    assertThat(execution.isDirty()).isTrue();
    assertThat(afterD.newTasks()).isEmpty();
    assertThat(afterD.closeOpenTasksOf()).isEmpty();
    assertThat(eventTypes(afterD)).containsExactly(STEP_SUCCEEDED, EXECUTION_SUCCEEDED);
  }

  @Test
  void theOutputTemplateReplacesTheSinkOutputsWhenDefined() {
    CompiledWorkflow workflow = compile("""
        name: with-output
        output: { greeting: "hello ${steps.b.output.name}", raw: "${steps.a.output}" }
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop, dependsOn: [a] }
        """);
    ExecutionRecord execution = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, started);
    Changes afterA = new Changes();
    engine.onTaskSucceeded(state, record(onlyTask(started)), json("[1,2]"), NO_CHILDREN, afterA);

    engine.onTaskSucceeded(state, record(onlyTask(afterA)), json("{\"name\":\"ada\"}"), NO_CHILDREN, new Changes());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    // compared as text: CEL yields longs where the handler's JSON had ints
    assertThat(execution.output()).hasToString("{\"greeting\":\"hello ada\",\"raw\":[1,2]}");
  }

  @Test
  void aNullOutputIsStoredAsJsonNull() {
    CompiledWorkflow workflow = compile("""
        name: single
        steps:
          - { id: only, handler: noop }
        """);
    ExecutionRecord execution = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, started);

    engine.onTaskSucceeded(state, record(onlyTask(started)), null, NO_CHILDREN, new Changes());

    assertThat(execution.output()).isEqualTo(Json.MAPPER.createObjectNode().putNull("only"));
  }

  @Test
  void aSiblingQueuedInTheTransitionThatFailsTheExecutionIsNeitherWrittenNorDispatched() {
    CompiledWorkflow workflow = compile("""
        name: failing-branch
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop, dependsOn: [a] }
          - { id: c, handler: noop, dependsOn: [a], when: "steps.a.output.missing" }
        """);
    ExecutionRecord execution = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, started);
    Changes changes = new Changes();

    engine.onTaskSucceeded(state, record(onlyTask(started)), json("{}"), NO_CHILDREN, changes);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(changes.newTasks()).isEmpty();
    assertThat(changes.dispatches()).isEmpty();
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
  }
}
