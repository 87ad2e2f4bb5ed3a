package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

/** {@code when} and the propagation of SKIPPED to downstream steps. */
class ExecutionEngineConditionTest {
  private static final String GUARDED_CHAIN = """
      name: guarded
      steps:
        - { id: a, handler: noop, when: "input.go" }
        - { id: b, handler: noop, dependsOn: [a] }
        - { id: c, handler: noop, dependsOn: [b] }
        - { id: cleanup, handler: noop, dependsOn: [c], runIfDependenciesSkipped: true }
      """;

  private final ExecutionEngine engine = new EngineFixture().engine;

  @Test
  void aFalseWhenSkipsTheStepAndEveryStepDownstreamTransitively() {
    CompiledWorkflow workflow = compile("""
        name: guarded
        steps:
          - { id: a, handler: noop, when: "input.go" }
          - { id: b, handler: noop, dependsOn: [a] }
          - { id: c, handler: noop, dependsOn: [b] }
        """);
    ExecutionRecord execution = running(workflow, "{\"go\":false}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(state.step("a").output()).isEqualTo(NullNode.getInstance());
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(state.step("c").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(changes.newTasks()).isEmpty();
    assertThat(changes.events()).filteredOn(e -> e.type() == STEP_SKIPPED)
        .extracting(Event::stepId).containsExactly("a", "b", "c");
    assertThat(changes.events()).filteredOn(e -> "a".equals(e.stepId()))
        .singleElement().satisfies(e -> assertThat(e.payload().getStepSkipped().getReason()).contains("input.go"));
    // only skipped steps: nothing failed, so the execution succeeded
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(execution.output()).hasToString("{\"c\":null}");
  }

  @Test
  void aStepThatRunsIfDependenciesSkippedRunsAfterASkippedChain() {
    CompiledWorkflow workflow = compile(GUARDED_CHAIN);
    ExecutionRecord execution = running(workflow, "{\"go\":false}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    assertThat(state.step("c").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(onlyTask(changes).stepId()).isEqualTo("cleanup");
    assertThat(state.step("cleanup").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);

    engine.onTaskSucceeded(state, record(onlyTask(changes)), json("\"cleaned\""), NO_CHILDREN, new Changes());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(execution.output()).hasToString("{\"cleanup\":\"cleaned\"}");
  }

  @Test
  void aTrueWhenRunsTheStep() {
    CompiledWorkflow workflow = compile(GUARDED_CHAIN);
    ExecutionRecord execution = running(workflow, "{\"go\":true}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    assertThat(onlyTask(changes).stepId()).isEqualTo("a");
    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(changes.events()).noneMatch(e -> e.type() == STEP_SKIPPED);
  }

  @Test
  void aWhenThatFailsAtRuntimeFailsTheStepWithAnExpressionErrorAndTheExecution() {
    CompiledWorkflow workflow = compile(GUARDED_CHAIN);
    ExecutionRecord execution = running(workflow, "{}");
    Changes changes = new Changes();

    ExecutionState state = engine.start(execution, workflow, NO_CHILDREN, changes);

    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("a").error().getCode()).isEqualTo("EXPRESSION_ERROR");
    assertThat(state.step("a").error().getMessage()).startsWith("steps.a.when: ");
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(state.step("cleanup").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(changes.newTasks()).isEmpty();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getCode()).isEqualTo("EXPRESSION_ERROR");
    assertThat(execution.error().getStepId()).isEqualTo("a");
    assertThat(execution.error().getRetryable()).isFalse();
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
  }
}
