package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NOW;
import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.eventTypes;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_CANCELLED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_CANCELLED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

/** Cancelling, and results that arrive after the execution has ended. */
class ExecutionEngineCancelTest {
  private static final CompiledWorkflow CHAIN = compile("""
      name: chain
      steps:
        - { id: a, handler: noop }
        - { id: b, handler: noop, dependsOn: [a] }
        - { id: c, handler: noop, dependsOn: [b] }
      """);

  private final ExecutionEngine engine = new EngineFixture().engine;
  private final ExecutionRecord execution = running(CHAIN, "{}");
  private final Changes started = new Changes();
  private final ExecutionState state = engine.start(execution, CHAIN, NO_CHILDREN, started);

  @Test
  void cancelEndsEveryUnfinishedStepAndTheExecutionWithTheReason() {
    Changes afterA = new Changes();
    engine.onTaskSucceeded(state, record(onlyTask(started)), json("1"), NO_CHILDREN, afterA);
    Changes changes = new Changes();

    engine.cancel(state, "operator request", changes);

    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(state.step("c").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
    assertThat(execution.error().getCode()).isEqualTo("CANCELLED");
    assertThat(execution.error().getMessage()).isEqualTo("operator request");
    assertThat(execution.finishedAt()).isEqualTo(NOW);
    assertThat(execution.output()).isNull();
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
    assertThat(changes.newTasks()).isEmpty();
    assertThat(eventTypes(changes)).containsExactly(STEP_CANCELLED, STEP_CANCELLED,
        EXECUTION_CANCELLED);
  }

  @Test
  void aSuccessForAnEndedExecutionOnlyClosesItsTask() {
    engine.cancel(state, "stop", new Changes());
    NewTask a = onlyTask(started);
    Changes changes = new Changes();

    engine.onTaskSucceeded(state, record(a), json("1"), NO_CHILDREN, changes);

    assertThat(changes.taskOutcomes()).containsExactly(new TaskOutcome(a.id(), TaskStatus.SUCCEEDED, json("1"), null));
    assertThat(changes.newTasks()).isEmpty();
    assertThat(changes.events()).isEmpty();
    assertThat(changes.closeOpenTasksOf()).isEmpty();
    assertThat(state.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(state.step("b").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
  }

  @Test
  void aRetryableFailureForAnEndedExecutionSchedulesNoRetry() {
    CompiledWorkflow retried = compile("""
        name: retried
        steps:
          - { id: a, handler: noop, retry: { maxAttempts: 5 } }
        """);
    ExecutionRecord ended = running(retried, "{}");
    Changes first = new Changes();
    ExecutionState endedState = engine.start(ended, retried, NO_CHILDREN, first);
    engine.cancel(endedState, "stop", new Changes());
    Changes changes = new Changes();

    engine.onTaskFailed(endedState, record(onlyTask(first)),
        StepError.newBuilder().setCode("HTTP_503").setRetryable(true).build(), NO_CHILDREN, changes);

    assertThat(changes.taskOutcomes()).singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo(TaskStatus.FAILED));
    assertThat(changes.newTasks()).isEmpty();
    assertThat(changes.events()).isEmpty();
    assertThat(endedState.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(ended.error().getCode()).isEqualTo("CANCELLED");
  }
}
