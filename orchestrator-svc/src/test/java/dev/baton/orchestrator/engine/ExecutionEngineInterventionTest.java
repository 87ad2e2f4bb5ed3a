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
import static dev.baton.proto.v1.ExecutionEvent.Type.ATTEMPT_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.EXECUTION_STATUS_CHANGED;
import static dev.baton.proto.v1.ExecutionEvent.Type.INTERVENTION;
import static dev.baton.proto.v1.ExecutionEvent.Type.RECOVERY_APPLIED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_RESET;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_STARTED;
import static dev.baton.proto.v1.ExecutionEvent.Type.TASK_DISPATCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepStatus;
import io.grpc.Status;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Waiting for a person ({@code intervene} rules) and what a person does about it (see {@link Interventions}). */
class ExecutionEngineInterventionTest {
  /** lookup -> enrich -> email, and audit on an independent branch. */
  private static final CompiledWorkflow LEADS = compile("""
      name: leads
      steps:
        - { id: lookup, handler: noop }
        - id: enrich
          dependsOn: [lookup]
          handler: lead-enrichment
          input: { q: "${input.q}" }
          config: { provider: primary }
          retry: { maxAttempts: 2, initialBackoff: 1s, jitter: 0 }
          onError:
            - if: "error.code == 'NEEDS_PERSON'"
              then: { intervene: { reason: "lead data looks wrong", notify: ops } }
        - { id: email, handler: noop, dependsOn: [enrich], input: { leads: "${steps.enrich.output.leads}" } }
        - { id: audit, handler: noop }
        - { id: report, handler: noop, dependsOn: [audit] }
      """);
  private static final Actor ALICE = Actor.newBuilder().setName("alice").setReason("fixed the query").build();

  private final ExecutionEngine engine = new ExecutionEngine(Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5, LEASE);
  private final Interventions people = engine.interventions();
  private final ExecutionRecord execution = running(LEADS, "{\"q\":\"ctos\"}");
  private final Changes started = new Changes();
  private final ExecutionState state = engine.start(execution, LEADS, NO_CHILDREN, started);

  @Test
  void anInterveneRuleMakesTheStepAndTheExecutionWaitWithTheReasonAndDispatchesNothingForIt() {
    Changes changes = failEnrich("NEEDS_PERSON");

    assertThat(changes.newTasks()).isEmpty();
    StepRecord enrich = state.step("enrich");
    assertThat(enrich.status()).isEqualTo(StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(enrich.recovery().getIntervention().getReason()).isEqualTo("lead data looks wrong");
    assertThat(enrich.recovery().getIntervention().getNotify()).isEqualTo("ops");
    assertThat(enrich.recovery().getIntervention().getRule()).isEqualTo("steps.enrich.onError[0]");
    assertThat(enrich.recovery().getIntervention().getError().getCode()).isEqualTo("NEEDS_PERSON");
    assertThat(enrich.recovery().getDecisions(0).getAction()).isEqualTo(RecoveryActionKind.RECOVERY_ACTION_KIND_INTERVENE);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(execution.isTerminal()).isFalse();
    assertThat(eventTypes(changes)).containsExactly(ATTEMPT_FAILED, RECOVERY_APPLIED,
        EXECUTION_STATUS_CHANGED);
    assertThat(changes.events().get(1).payload().getRecoveryApplied().getAction()).isEqualTo("INTERVENE");
    assertThat(changes.events().get(1).payload().getRecoveryApplied().getReason()).isEqualTo("lead data looks wrong");
    assertThat(changes.events().get(2).payload().getExecutionStatusChanged().getStatus())
        .isEqualTo("WAITING_FOR_INTERVENTION");
  }

  @Test
  void independentBranchesKeepRunningWhileAStepWaitsAndTheExecutionStaysWaitingWhenTheyEnd() {
    failEnrich("NEEDS_PERSON");

    Changes audit = succeed(taskOf(started, "audit"), "{}");
    assertThat(onlyTask(audit).stepId()).isEqualTo("report");
    succeed(onlyTask(audit), "{}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
    assertThat(state.step("email").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);
  }

  @Test
  void resumeStepRunsTheWaitingStepAgainWithTheCorrectedInputAndConfigAndTheExecutionCompletes() {
    failEnrich("NEEDS_PERSON");
    Changes changes = new Changes();

    people.resumeStep(state, "enrich", json("{\"q\":\"cto\"}"), json("{\"provider\":\"backup\"}"), ALICE,
        NO_CHILDREN, changes);

    NewTask again = onlyTask(changes);
    assertThat(again.attempt()).isEqualTo(3); // attempts 1 and 2 failed: the numbering (and idempotency keys) go on
    assertThat(json(again.payload().getInputJson())).isEqualTo(json("{\"q\":\"cto\"}"));
    assertThat(json(again.payload().getConfigJson())).isEqualTo(json("{\"provider\":\"backup\"}"));
    assertThat(again.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(state.step("enrich").recovery().hasIntervention()).isFalse();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(eventTypes(changes)).containsExactly(INTERVENTION, STEP_RESET,
        EXECUTION_STATUS_CHANGED, STEP_STARTED, TASK_DISPATCHED);
    var intervention = changes.events().get(0).payload().getIntervention();
    assertThat(intervention.getAction()).isEqualTo(ExecutionEvent.Intervention.Action.RESUME_STEP);
    assertThat(intervention.getActor()).isEqualTo("alice");
    assertThat(intervention.getReason()).isEqualTo("fixed the query");
    assertThat(intervention.getInputJson()).isEqualTo("{\"q\":\"cto\"}");
    assertThat(json(intervention.getConfigJson())).isEqualTo(json("{\"provider\":\"backup\"}"));

    // its own retry policy starts over, and keeps the person's input
    Changes retried = fail(again, "HTTP_503", true);
    assertThat(json(onlyTask(retried).payload().getInputJson())).isEqualTo(json("{\"q\":\"cto\"}"));
    Changes email = succeed(onlyTask(retried), "{\"leads\":[1]}");
    assertThat(json(onlyTask(email).payload().getInputJson())).isEqualTo(json("{\"leads\":[1]}"));
    succeed(onlyTask(email), "{}");
    finishAudit();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
  }

  @Test
  void retryStepWithoutAStepRetriesTheOneWaitingStepWithItsRenderedInput() {
    failEnrich("NEEDS_PERSON");
    Changes changes = new Changes();

    people.retryStep(state, null, ALICE, NO_CHILDREN, changes);

    assertThat(json(onlyTask(changes).payload().getInputJson())).isEqualTo(json("{\"q\":\"ctos\"}"));
    assertThat(changes.events().get(0).stepId()).isEqualTo("enrich");
  }

  @Test
  void skipStepWithAnOutputLetsTheDependentsRunWithThatOutput() {
    failEnrich("NEEDS_PERSON");
    Changes changes = new Changes();

    people.skipStep(state, "enrich", json("{\"leads\":[\"by hand\"]}"), ALICE, NO_CHILDREN, changes);

    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(state.step("enrich").skippedByRule()).isTrue();
    assertThat(state.step("enrich").recovery().getDecisions(1).getActor()).isEqualTo("alice");
    assertThat(json(onlyTask(changes).payload().getInputJson())).isEqualTo(json("{\"leads\":[\"by hand\"]}"));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
  }

  @Test
  void failStepFailsTheExecutionSayingWhoAndWhy() {
    failEnrich("NEEDS_PERSON");
    Changes changes = new Changes();

    people.failStep(state, "enrich", ALICE, changes);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getMessage()).isEqualTo("failed by alice: fixed the query (after: bad)");
    assertThat(execution.error().getCode()).isEqualTo("NEEDS_PERSON");
    assertThat(state.step("audit").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    assertThat(changes.closeOpenTasksOf()).containsExactly(execution.id);
  }

  @Test
  void aPausedExecutionAppliesResultsButStartsNothingAndHoldsRetriesUntilResumed() {
    Changes pause = new Changes();
    people.pause(state, ALICE, pause);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_PAUSED);

    Changes lookup = succeed(taskOf(started, "lookup"), "{}");
    assertThat(lookup.newTasks()).isEmpty();
    assertThat(state.step("lookup").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);

    Changes audit = fail(taskOf(started, "audit"), "HTTP_503", true);
    assertThat(audit.newTasks()).isEmpty(); // audit has no retry: it fails, and so does the execution
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  @Test
  void aRetryDueWhilePausedIsHeldScheduledAndResumeStartsTheReadySteps() {
    Changes lookup = succeed(taskOf(started, "lookup"), "{}");
    NewTask enrich = onlyTask(lookup);
    people.pause(state, ALICE, new Changes());

    Changes failed = fail(enrich, "HTTP_503", true);
    NewTask held = onlyTask(failed);
    assertThat(held.status()).isEqualTo(TaskStatus.SCHEDULED);
    assertThat(held.dispatchNow()).isFalse();
    assertThat(failed.dispatches()).isEmpty();
    succeed(taskOf(started, "audit"), "{}"); // report is ready, but the execution is paused
    assertThat(state.step("report").status()).isEqualTo(StepStatus.STEP_STATUS_PENDING);

    Changes resume = new Changes();
    people.resume(state, ALICE, NO_CHILDREN, resume);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(onlyTask(resume).stepId()).isEqualTo("report");
    assertThat(eventTypes(resume)).startsWith(INTERVENTION, EXECUTION_STATUS_CHANGED);
  }

  @Test
  void aStepThatStartsWaitingWhilePausedLeavesTheExecutionPausedAndResumeMakesItWait() {
    NewTask enrich = onlyTask(succeed(taskOf(started, "lookup"), "{}"));
    people.pause(state, ALICE, new Changes());
    fail(onlyTask(fail(enrich, "NEEDS_PERSON", true)), "NEEDS_PERSON", true);
    assertThat(state.step("enrich").isWaiting()).isTrue();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_PAUSED);

    people.resume(state, ALICE, NO_CHILDREN, new Changes());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
  }

  @Test
  void aPausedForEachStepStartsNoFurtherElementsUntilResumed() {
    CompiledWorkflow fanOut = compile("""
        name: fan-out
        steps:
          - { id: each, handler: noop, forEach: { items: "input.leads", concurrency: 1 }, input: { lead: "${item}" } }
        """);
    ExecutionRecord run = running(fanOut, "{\"leads\":[\"a\",\"b\"]}");
    Changes start = new Changes();
    ExecutionState fan = engine.start(run, fanOut, NO_CHILDREN, start);
    people.pause(fan, ALICE, new Changes());

    Changes first = new Changes();
    engine.onTaskSucceeded(fan, record(onlyTask(start)), json("1"), NO_CHILDREN, first);
    assertThat(first.newTasks()).isEmpty();
    assertThat(fan.step("each").itemsDone()).isEqualTo(1);

    Changes resume = new Changes();
    people.resume(fan, ALICE, NO_CHILDREN, resume);

    assertThat(onlyTask(resume).itemIndex()).isEqualTo(1);
    assertThat(json(onlyTask(resume).payload().getInputJson())).isEqualTo(json("{\"lead\":\"b\"}"));
  }

  @Test
  void retryingAFailedExecutionRerunsItsFailedStepAndTheCancelledOnesButNotTheSucceededOnes() {
    NewTask enrich = onlyTask(succeed(taskOf(started, "lookup"), "{\"n\":1}"));
    fail(onlyTask(fail(enrich, "HTTP_500", true)), "HTTP_500", true);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(state.step("audit").status()).isEqualTo(StepStatus.STEP_STATUS_CANCELLED);
    Changes changes = new Changes();

    people.retryStep(state, null, ALICE, NO_CHILDREN, changes);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(execution.error()).isNull();
    assertThat(execution.finishedAt()).isNull();
    assertThat(changes.newTasks()).extracting(NewTask::stepId, NewTask::attempt)
        .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("enrich", 3),
            org.assertj.core.api.Assertions.tuple("audit", 2));
    assertThat(state.step("lookup").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("lookup").output()).isEqualTo(json("{\"n\":1}"));
    assertThat(changes.events().get(0).payload().getIntervention().getAction())
        .isEqualTo(ExecutionEvent.Intervention.Action.RETRY_STEP);
  }

  @Test
  void skippingTheFailedStepOfAFailedExecutionReopensItAndDownstreamRuns() {
    NewTask enrich = onlyTask(succeed(taskOf(started, "lookup"), "{}"));
    fail(onlyTask(fail(enrich, "HTTP_500", true)), "HTTP_500", true);
    Changes changes = new Changes();

    people.skipStep(state, "enrich", json("{\"leads\":[]}"), ALICE, NO_CHILDREN, changes);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_RUNNING);
    assertThat(changes.newTasks()).extracting(NewTask::stepId).containsExactlyInAnyOrder("email", "audit");
  }

  @Test
  void actionsOnAStepOrExecutionInTheWrongStateAreRefusedAndChangeNothing() {
    Changes changes = new Changes();
    var before = statuses();
    refused(() -> people.resumeStep(state, "enrich", null, null, ALICE, NO_CHILDREN, changes),
        Status.Code.FAILED_PRECONDITION, "step_id: step enrich is PENDING (expected: WAITING_FOR_INTERVENTION)");
    refused(() -> people.skipStep(state, "nope", json("1"), ALICE, NO_CHILDREN, changes),
        Status.Code.INVALID_ARGUMENT, "step_id: execution " + execution.id + " has no step 'nope'");
    refused(() -> people.retryStep(state, null, ALICE, NO_CHILDREN, changes),
        Status.Code.FAILED_PRECONDITION, "step_id: execution " + execution.id + " has 0 steps waiting for a person");
    refused(() -> people.resume(state, ALICE, NO_CHILDREN, changes),
        Status.Code.FAILED_PRECONDITION, "execution_id: execution " + execution.id + " is RUNNING (expected: PAUSED)");
    people.pause(state, ALICE, new Changes());
    refused(() -> people.pause(state, ALICE, changes), Status.Code.FAILED_PRECONDITION,
        "execution_id: execution " + execution.id + " is PAUSED (expected: RUNNING or WAITING_FOR_INTERVENTION)");
    assertThat(changes.isEmpty()).isTrue();
    assertThat(statuses()).isEqualTo(before);
  }

  private java.util.Map<String, StepStatus> statuses() {
    java.util.Map<String, StepStatus> out = new java.util.LinkedHashMap<>();
    state.steps().forEach((id, step) -> out.put(id, step.status()));
    return out;
  }

  @Test
  void aSucceededExecutionCannotBeRetried() {
    NewTask enrich = onlyTask(succeed(taskOf(started, "lookup"), "{}"));
    succeed(onlyTask(succeed(enrich, "{\"leads\":[]}")), "{}");
    finishAudit();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);

    refused(() -> people.retryStep(state, "enrich", ALICE, NO_CHILDREN, new Changes()), Status.Code.FAILED_PRECONDITION,
        "execution_id: execution " + execution.id + " already ended SUCCEEDED");
  }

  /** Completes lookup, then fails enrich's two attempts (its retry policy) with {@code code}. */
  private Changes failEnrich(String code) {
    NewTask enrich = onlyTask(succeed(taskOf(started, "lookup"), "{}"));
    NewTask second = onlyTask(fail(enrich, code, true));
    return fail(second, code, true);
  }

  private void finishAudit() {
    succeed(onlyTask(succeed(taskOf(started, "audit"), "{}")), "{}");
  }

  private Changes succeed(NewTask task, String output) {
    Changes changes = new Changes();
    engine.onTaskSucceeded(state, record(task), json(output), NO_CHILDREN, changes);
    return changes;
  }

  private Changes fail(NewTask task, String code, boolean retryable) {
    Changes changes = new Changes();
    engine.onTaskFailed(state, record(task), StepError.newBuilder().setCode(code).setMessage("bad")
        .setRetryable(retryable).build(), NO_CHILDREN, changes);
    return changes;
  }

  private static void refused(Runnable action, Status.Code code, String message) {
    assertThatThrownBy(action::run).isInstanceOf(OrchestratorException.class).hasMessage(message)
        .extracting(e -> ((OrchestratorException) e).code()).isEqualTo(code);
  }
}
