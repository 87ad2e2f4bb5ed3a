package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.eventTypes;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;
import static dev.baton.orchestrator.engine.EngineFixture.taskOf;
import static dev.baton.proto.v1.ExecutionEvent.Type.ATTEMPT_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_SUCCEEDED;
import static dev.baton.proto.v1.ExecutionEvent.Type.RECOVERY_APPLIED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

/**
 * Branch failure: a {@code fail} rule with {@code branchOnly} fails its step and the steps downstream
 * of it, while independent branches go on and the execution can still succeed.
 */
class ExecutionEngineBranchFailureTest {
  /**
   * Two branches from the start: left -> leftNext -> leftLast, and right. summary joins left and
   * right and runs even when a dependency did not succeed. Only GONE fails left as a branch.
   */
  private static final CompiledWorkflow FAN_OUT = compile("""
      name: fan-out
      allowBranchFailure: true
      steps:
        - id: left
          handler: noop
          onError:
            - if: "error.code == 'GONE'"
              then: { fail: { message: "left gave up", branchOnly: true } }
            - if: "error.code == 'FORBIDDEN'"
              then: { fail: { message: "refused" } }
        - { id: leftNext, handler: noop, dependsOn: [left] }
        - { id: leftLast, handler: noop, dependsOn: [leftNext] }
        - { id: right, handler: noop }
        - id: summary
          handler: noop
          dependsOn: [left, right]
          runIfDependenciesSkipped: true
          input: { left: "${steps.left.status}" }
      output:
        left: "${steps.left.status}"
        leftNext: "${steps.leftNext.status}"
        right: "${steps.right.output}"
      """);

  private final EngineFixture fixture = new EngineFixture();
  private final ExecutionEngine engine = fixture.engine;
  private final ExecutionRecord execution = running(FAN_OUT, "{}");
  private final Changes started = new Changes();
  private final ExecutionState state = engine.start(execution, FAN_OUT, NO_CHILDREN, started);

  @Test
  void aBranchOnlyFailFailsTheStepSkipsItsDependentsTransitivelyAndLeavesTheOtherBranchRunning() {
    NewTask right = taskOf(started, "right");

    Changes changes = fail(taskOf(started, "left"), "GONE", "no such lead");

    assertThat(state.step("left").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("left").error().getMessage()).isEqualTo("left gave up: no such lead");
    assertThat(state.step("leftNext").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(state.step("leftLast").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(state.step("right").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(state.step("summary").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(changes.closeOpenTasksOf()).isEmpty();
    assertThat(eventTypes(changes)).containsExactly(ATTEMPT_FAILED, RECOVERY_APPLIED,
        STEP_FAILED, STEP_SKIPPED, STEP_SKIPPED);
    assertThat(changes.events().get(1).payload().getRecoveryApplied().getBranchOnly()).isTrue();
    var stepFailed = changes.events().get(2).payload().getStepFailed();
    assertThat(stepFailed.getBranchOnly()).isTrue();
    assertThat(stepFailed.getCode()).isEqualTo("GONE");
    assertThat(changes.events().get(3).payload().getStepSkipped().getReason()).isEqualTo("dependency left failed");
    assertThat(changes.events().get(4).payload().getStepSkipped().getReason()).isEqualTo("a dependency was skipped");

    Changes rightDone = succeed(right, "{\"leads\":3}");

    // summary runs despite the failed dependency (runIfDependenciesSkipped) and sees it FAILED
    NewTask summary = onlyTask(rightDone);
    assertThat(summary.stepId()).isEqualTo("summary");
    assertThat(json(summary.payload().getInputJson())).isEqualTo(json("{\"left\":\"FAILED\"}"));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
  }

  @Test
  void theExecutionSucceedsOnceTheOtherStepsEndItsOutputSeesTheFailedStepAndTheEventListsIt() {
    fail(taskOf(started, "left"), "GONE", "no such lead");
    NewTask summary = onlyTask(succeed(taskOf(started, "right"), "{\"leads\":3}"));

    Changes changes = succeed(summary, "{}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(execution.output().toString()).isEqualTo(
        "{\"left\":\"FAILED\",\"leftNext\":\"SKIPPED\",\"right\":{\"leads\":3}}");
    assertThat(execution.error()).isNull();
    Event succeeded = changes.events().get(changes.events().size() - 1);
    assertThat(succeeded.type()).isEqualTo(EXECUTION_SUCCEEDED);
    assertThat(succeeded.payload().getExecutionSucceeded().getFailedStepsList()).containsExactly("left");
  }

  @Test
  void aFailRuleWithoutBranchOnlyStillFailsTheExecutionAndCancelsTheOtherBranch() {
    Changes changes = fail(taskOf(started, "left"), "FORBIDDEN", "no");

    assertThat(state.step("left").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("right").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(state.step("leftNext").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getMessage()).isEqualTo("refused: no");
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
    Event stepFailed = changes.events().stream().filter(e -> e.type() == STEP_FAILED).findFirst()
        .orElseThrow();
    assertThat(stepFailed.payload().getStepFailed().hasBranchOnly()).isFalse();
  }

  @Test
  void aFailureNoRuleMatchesFailsTheExecutionEvenWhenTheWorkflowAllowsBranchFailure() {
    fail(taskOf(started, "left"), "OTHER", "boom");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(state.step("right").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
  }

  @Test
  void aWorkflowDefaultBranchOnlyRuleIsPassedOverForAForEachElementSoTheExecutionFails() {
    CompiledWorkflow each = compile("""
        name: each
        allowBranchFailure: true
        onError:
          - then: { fail: { branchOnly: true } }
        steps:
          - { id: each, handler: noop, forEach: { items: "[1, 2]" } }
          - { id: other, handler: noop }
        """);
    ExecutionRecord run = running(each, "{}");
    Changes begun = new Changes();
    ExecutionState eachState = engine.start(run, each, NO_CHILDREN, begun);
    NewTask element = begun.newTasks().stream().filter(t -> t.stepId().equals("each") && t.itemIndex() == 0)
        .findFirst().orElseThrow();

    Changes changes = new Changes();
    engine.onTaskFailed(eachState, record(element), StepError.newBuilder().setCode("GONE").setMessage("x").build(),
        NO_CHILDREN, changes);

    assertThat(eventTypes(changes)).doesNotContain(RECOVERY_APPLIED);
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(eachState.step("other").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
  }

  @Test
  void aWorkflowDefaultBranchOnlyRuleFailsAPlainStepAsABranch() {
    CompiledWorkflow defaults = compile("""
        name: defaults
        allowBranchFailure: true
        onError:
          - then: { fail: { branchOnly: true } }
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop }
        """);
    ExecutionRecord run = running(defaults, "{}");
    Changes begun = new Changes();
    ExecutionState s = engine.start(run, defaults, NO_CHILDREN, begun);

    engine.onTaskFailed(s, record(taskOf(begun, "a")), StepError.newBuilder().setCode("GONE").setMessage("x").build(),
        NO_CHILDREN, new Changes());
    engine.onTaskSucceeded(s, record(taskOf(begun, "b")), json("{\"ok\":true}"), NO_CHILDREN, new Changes());

    assertThat(s.step("a").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(run.output().toString()).isEqualTo("{\"a\":null,\"b\":{\"ok\":true}}"); // no template: the sinks' outputs
  }

  @Test
  void retryingTheFailedExecutionReRunsTheStepThatFailedItNotTheEarlierBranchFailure() {
    fail(taskOf(started, "left"), "GONE", "no such lead");
    fail(taskOf(started, "right"), "BROKEN", "right broke"); // no rule matches: the execution fails
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);

    Changes changes = new Changes();
    engine.interventions().retryStep(state, null, Actor.newBuilder().setName("alice").setReason("fixed").build(),
        NO_CHILDREN, changes);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(onlyTask(changes).stepId()).isEqualTo("right");
    assertThat(state.step("left").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(state.step("leftNext").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
  }

  private Changes fail(NewTask task, String code, String message) {
    Changes changes = new Changes();
    engine.onTaskFailed(state, record(task), StepError.newBuilder().setCode(code).setMessage(message)
        .setRetryable(false).build(), NO_CHILDREN, changes);
    return changes;
  }

  private Changes succeed(NewTask task, String output) {
    Changes changes = new Changes();
    engine.onTaskSucceeded(state, record(task), json(output), NO_CHILDREN, changes);
    return changes;
  }
}
