package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NOW;
import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.eventTypes;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.orchestrator.engine.EngineFixture.text;
import static dev.baton.proto.v1.ExecutionEvent.Type.ATTEMPT_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_CANCELLED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutionEngineRetryTest {
  private static final CompiledWorkflow FLAKY = compile("""
      name: flaky
      steps:
        - id: call
          handler: noop
          input: { q: "${input.q}" }
          retry: { maxAttempts: 3, initialBackoff: 2s, multiplier: 3, maxBackoff: 1m, nonRetryable: [INVALID_LEAD] }
        - { id: after, handler: noop, dependsOn: [call] }
      """);
  private static final StepError UNAVAILABLE =
      StepError.newBuilder().setCode("HTTP_503").setMessage("provider down").setRetryable(true).build();

  private final ExecutionEngine engine = new EngineFixture().engine;
  private final ExecutionRecord execution = running(FLAKY, "{\"q\":\"ctos\"}");
  private final Changes started = new Changes();
  private final ExecutionState state = engine.start(execution, FLAKY, NO_CHILDREN, started);

  @Test
  void aRetryableFailureSchedulesTheNextAttemptAfterTheBackoff() {
    Changes changes = new Changes();

    engine.onTaskFailed(state, record(onlyTask(started)), UNAVAILABLE, NO_CHILDREN, changes);

    NewTask retry = onlyTask(changes);
    assertThat(retry.stepId()).isEqualTo("call");
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.status()).isEqualTo(TaskStatus.SCHEDULED);
    // random 0.5 puts the jittered delay exactly on initialBackoff
    assertThat(retry.dueAt()).isEqualTo(NOW.plus(Duration.ofSeconds(2)));
    assertThat(retry.leaseExpiresAt()).isNull();
    assertThat(retry.dispatchNow()).isFalse();
    assertThat(retry.payload().getIdempotencyKey()).isEqualTo(execution.id + "/call/2");
    assertThat(json(retry.payload().getInputJson())).isEqualTo(json("{\"q\":\"ctos\"}"));
    assertThat(changes.dispatches()).isEmpty();

    assertThat(state.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_RETRYING);
    assertThat(state.step("call").attempt()).isEqualTo(2);
    assertThat(changes.taskOutcomes()).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(o.error().getStepId()).isEqualTo("call");
      assertThat(o.error().getAttempt()).isEqualTo(1);
    });
    assertThat(eventTypes(changes)).containsExactly(ATTEMPT_FAILED);
    assertThat(changes.events().get(0).payload().getAttemptFailed().getNextAttempt()).isEqualTo(2);
    assertThat(text(changes.events().get(0).payload().getAttemptFailed().getRetryAt()))
        .isEqualTo("2025-01-01T00:00:02Z");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
  }

  @Test
  void theEventsOfAnAttemptSayWhenItsExecutorStartedRunningIt() {
    Changes failed = new Changes();
    java.time.Instant ranFrom = NOW.plusMillis(1500);
    engine.onTaskFailed(state, record(onlyTask(started)).withRunStartedAt(ranFrom), UNAVAILABLE, NO_CHILDREN,
        failed);
    Changes succeeded = new Changes();

    engine.onTaskSucceeded(state, record(onlyTask(failed)).withRunStartedAt(ranFrom.plusSeconds(3)), json("1"),
        NO_CHILDREN, succeeded);

    assertThat(text(failed.events().get(0).payload().getAttemptFailed().getStartedAt()))
        .isEqualTo("2025-01-01T00:00:01.500Z");
    assertThat(succeeded.events().get(0).type()).isEqualTo(STEP_SUCCEEDED);
    assertThat(text(succeeded.events().get(0).payload().getStepSucceeded().getStartedAt()))
        .isEqualTo("2025-01-01T00:00:04.500Z");
  }

  @Test
  void theBackoffGrowsWithTheMultiplierForLaterAttempts() {
    Changes second = new Changes();
    engine.onTaskFailed(state, record(onlyTask(started)), UNAVAILABLE, NO_CHILDREN, second);
    Changes third = new Changes();

    engine.onTaskFailed(state, record(onlyTask(second)), UNAVAILABLE, NO_CHILDREN, third);

    assertThat(onlyTask(third).attempt()).isEqualTo(3);
    assertThat(onlyTask(third).dueAt()).isEqualTo(NOW.plus(Duration.ofSeconds(6)));
  }

  @Test
  void aRetriedAttemptThatSucceedsCompletesTheStepAndStartsDownstream() {
    Changes second = new Changes();
    engine.onTaskFailed(state, record(onlyTask(started)), UNAVAILABLE, NO_CHILDREN, second);
    Changes changes = new Changes();

    engine.onTaskSucceeded(state, record(onlyTask(second)), json("1"), NO_CHILDREN, changes);

    assertThat(state.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("call").error()).isNull();
    assertThat(onlyTask(changes).stepId()).isEqualTo("after");
  }

  @Test
  void theLastAttemptFailingFailsTheStepAndTheExecutionWithTheAttributedError() {
    Changes second = new Changes();
    engine.onTaskFailed(state, record(onlyTask(started)), UNAVAILABLE, NO_CHILDREN, second);
    Changes third = new Changes();
    engine.onTaskFailed(state, record(onlyTask(second)), UNAVAILABLE, NO_CHILDREN, third);
    Changes changes = new Changes();

    engine.onTaskFailed(state, record(onlyTask(third)), UNAVAILABLE, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("after").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getCode()).isEqualTo("HTTP_503");
    assertThat(execution.error().getMessage()).isEqualTo("provider down");
    assertThat(execution.error().getStepId()).isEqualTo("call");
    assertThat(execution.error().getAttempt()).isEqualTo(3);
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
    assertThat(changes.finishedChildren()).isEmpty();
    assertThat(eventTypes(changes))
        .containsExactly(ATTEMPT_FAILED, STEP_FAILED, STEP_CANCELLED,
            EXECUTION_FAILED);
    assertThat(changes.events().get(2).stepId()).isEqualTo("after");
    assertThat(changes.events().get(0).payload().getAttemptFailed().hasRetryAt()).isFalse();
  }

  @Test
  void aNonRetryableCodeFailsAtOnceDespiteAttemptsLeft() {
    StepError invalid = UNAVAILABLE.toBuilder().setCode("INVALID_LEAD").build();
    Changes changes = new Changes();

    engine.onTaskFailed(state, record(onlyTask(started)), invalid, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getCode()).isEqualTo("INVALID_LEAD");
    assertThat(execution.error().getAttempt()).isEqualTo(1);
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
  }

  @Test
  void anErrorTheHandlerMarkedNotRetryableFailsAtOnce() {
    StepError permanent = UNAVAILABLE.toBuilder().setRetryable(false).build();
    Changes changes = new Changes();

    engine.onTaskFailed(state, record(onlyTask(started)), permanent, NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
  }
}
