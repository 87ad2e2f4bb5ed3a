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
import static dev.baton.proto.v1.ExecutionEvent.Type.ITEM_SKIPPED;
import static dev.baton.proto.v1.ExecutionEvent.Type.RECOVERY_APPLIED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_CANCELLED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_FAILED;
import static dev.baton.proto.v1.ExecutionEvent.Type.STEP_SKIPPED;
import static dev.baton.proto.v1.ExecutionEvent.Type.TASK_DISPATCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.HandlerRun;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.RecoveryDecision;
import dev.baton.proto.v1.StepStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Recovery rules ({@code onError}): which rule decides, and what each action does to the execution. */
class ExecutionEngineRecoveryTest extends RecoveryRulesFixture {
  @Test
  void aTimeoutMatchedByARegexRuleIsRetriedByThatRulesPolicyOnceTheStepsOwnRetriesAreUsedUp() {
    NewTask first = startEnrich();
    Changes own = fail(first, "PROVIDER_TIMEOUT", "no answer: Timeout after 10s", true);
    assertThat(eventTypes(own)).containsExactly(ATTEMPT_FAILED); // the step's retry, no rule yet
    NewTask second = onlyTask(own);

    Changes changes = fail(second, "PROVIDER_TIMEOUT", "no answer: Timeout after 10s", true);

    NewTask third = onlyTask(changes);
    assertThat(third.attempt()).isEqualTo(3);
    assertThat(third.status()).isEqualTo(TaskStatus.SCHEDULED);
    assertThat(third.dueAt()).isEqualTo(NOW.plusSeconds(10)); // the rule's backoff, not the step's 1s
    assertThat(third.payload().getHandler()).isEqualTo("lead-enrichment");
    assertThat(json(third.payload().getConfigJson())).isEqualTo(json("{\"provider\":\"primary\",\"limit\":5}"));
    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_RETRYING);
    assertThat(eventTypes(changes)).containsExactly(ATTEMPT_FAILED, RECOVERY_APPLIED);
    assertThat(text(changes.events().get(0).payload().getAttemptFailed().getRetryAt()))
        .isEqualTo("2025-01-01T00:00:10Z");
    var applied = changes.events().get(1).payload().getRecoveryApplied();
    assertThat(applied.getRule()).isEqualTo("steps.enrich.onError[0]");
    assertThat(applied.hasRuleIndex()).isTrue();
    assertThat(applied.getRuleIndex()).isZero();
    assertThat(applied.getAction()).isEqualTo("RETRY");
    assertThat(applied.getNextAttempt()).isEqualTo(3);
    assertThat(text(applied.getRetryAt())).isEqualTo("2025-01-01T00:00:10Z");
    RecoveryDecision decision = state.step("enrich").recovery().getDecisions(0);
    assertThat(decision.getAction()).isEqualTo(RecoveryActionKind.RECOVERY_ACTION_KIND_RETRY);
    assertThat(decision.getError().getAttempt()).isEqualTo(2);
    assertThat(decision.getItemIndex()).isEqualTo(-1);
  }

  @Test
  void aRetryRuleStopsDecidingOnceItsAttemptsAreUsedAndTheNextMatchingRuleOrTheFailureFollows() {
    NewTask second = onlyTask(fail(startEnrich(), "PROVIDER_TIMEOUT", "timeout", true));
    NewTask third = onlyTask(fail(second, "PROVIDER_TIMEOUT", "timeout", true));
    Changes fourthScheduled = fail(third, "PROVIDER_TIMEOUT", "timeout", true);
    NewTask fourth = onlyTask(fourthScheduled);
    assertThat(fourth.attempt()).isEqualTo(4);
    assertThat(fourth.dueAt()).isEqualTo(NOW.plusSeconds(30)); // the rule's second backoff: 10s * 3

    Changes changes = fail(fourth, "PROVIDER_TIMEOUT", "timeout", true);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_FAILED);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getAttempt()).isEqualTo(4);
    assertThat(state.step("enrich").recovery().getDecisionsList()).hasSize(2);
    assertThat(eventTypes(changes)).doesNotContain(RECOVERY_APPLIED);
  }

  @Test
  void skipStandsInTheRulesOutputAndTheDependentsRunWithIt() {
    Changes changes = fail(startEnrich(), "INVALID_LEAD", "bad query", false);

    StepRecord enrich = state.step("enrich");
    assertThat(enrich.status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(enrich.skippedByRule()).isTrue();
    assertThat(enrich.output()).isEqualTo(json("{\"leads\":[]}"));
    assertThat(eventTypes(changes)).containsSubsequence(ATTEMPT_FAILED, RECOVERY_APPLIED,
        STEP_SKIPPED, TASK_DISPATCHED);
    NewTask email = onlyTask(changes);
    assertThat(email.stepId()).isEqualTo("email");
    assertThat(json(email.payload().getInputJson())).isEqualTo(json("{\"leads\":[]}"));
    Changes done = new Changes();
    engine.onTaskSucceeded(state, record(email), json("{}"), NO_CHILDREN, done);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
  }

  @Test
  void failEndsTheExecutionAtOnceWithTheRulesMessageBeforeTheErrors() {
    Changes changes = fail(startEnrich(), "FORBIDDEN", "403 from provider", false);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getCode()).isEqualTo("FORBIDDEN");
    assertThat(execution.error().getMessage()).isEqualTo("provider refused: 403 from provider");
    assertThat(eventTypes(changes)).startsWith(ATTEMPT_FAILED, RECOVERY_APPLIED,
        STEP_FAILED);
    assertThat(changes.events().get(1).payload().getRecoveryApplied().getAction()).isEqualTo("FAIL");
  }

  @Test
  void withoutAMatchingRuleTheStepFailsAsItWouldWithoutRules() {
    Changes changes = fail(startEnrich(), "SOMETHING_ELSE", "unexpected", false);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getCode()).isEqualTo("SOMETHING_ELSE");
    assertThat(eventTypes(changes)).containsExactly(ATTEMPT_FAILED, STEP_FAILED,
        STEP_CANCELLED, EXECUTION_FAILED);
    assertThat(state.step("enrich").recovery().getDecisionsCount()).isZero();
  }

  @Test
  void theWorkflowsDefaultRulesAreConsultedAfterTheStepsOwn() {
    CompiledWorkflow workflow = compile("""
        name: defaults
        onError:
          - if: "error.code == 'PROVIDER_DOWN'"
            then: { skip: {} }
        steps:
          - id: call
            handler: lead-enrichment
            onError:
              - if: "error.code == 'FORBIDDEN'"
                then: { fail: {} }
        """);
    ExecutionRecord run = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    Changes changes = new Changes();

    engine.onTaskFailed(s, record(onlyTask(started)), down(), NO_CHILDREN, changes);

    assertThat(s.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(s.step("call").output()).isEqualTo(json("null"));
    RecoveryDecision decision = s.step("call").recovery().getDecisions(0);
    assertThat(decision.getRule()).isEqualTo("onError[0]");
    assertThat(decision.getWorkflowDefault()).isTrue();
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
  }

  @Test
  void aRuleSeesTheFailureItsAttemptTheElapsedTimeTheHandlerAndProviderTheInputAndUpstreamSteps() {
    CompiledWorkflow workflow = compile("""
        name: scope
        steps:
          - { id: first, handler: noop }
          - id: call
            dependsOn: [first]
            handler: lead-enrichment
            config: { provider: primary }
            onError:
              - if: >-
                  error.code == 'PROVIDER_DOWN' && error.message == 'down' && error.retryable && error.attempt == 1
                  && error.elapsedMs == 1500 && error.handler == 'lead-enrichment' && error.provider == 'primary'
                  && input.tier == 'gold' && steps.first.status == 'SUCCEEDED' && steps.first.output.ok
                then: { skip: { output: "matched" } }
        """);
    ExecutionRecord run = running(workflow, "{\"tier\":\"gold\"}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    Changes callStarted = new Changes();
    engine.onTaskSucceeded(s, record(onlyTask(started)), json("{\"ok\":true}"), NO_CHILDREN, callStarted);
    clock.advance(Duration.ofMillis(1500));

    engine.onTaskFailed(s, record(onlyTask(callStarted)), down(), NO_CHILDREN, new Changes());

    assertThat(s.step("call").output()).isEqualTo(json("\"matched\""));
  }

  @Test
  void aRuleWhoseIfCannotBeEvaluatedFailsTheStepWithAnExpressionErrorNamingTheRule() {
    CompiledWorkflow workflow = compile("""
        name: broken
        steps:
          - id: call
            handler: lead-enrichment
            onError:
              - if: "input.missing.deeper == 1"
                then: { skip: {} }
        """);
    ExecutionRecord run = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);

    engine.onTaskFailed(s, record(onlyTask(started)), down(), NO_CHILDREN, new Changes());

    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(run.error().getCode()).isEqualTo("EXPRESSION_ERROR");
    assertThat(run.error().getMessage()).startsWith("steps.call.onError[0].if: 'input.missing.deeper == 1'");
  }

  @Test
  void aRetryRuleStopsOnceItsNextAttemptWouldStartAfterItsMaxTotalTime() {
    CompiledWorkflow workflow = compile("""
        name: total
        steps:
          - id: call
            handler: lead-enrichment
            onError:
              - then: { retry: { maxAttempts: 10, initialBackoff: 10s, multiplier: 1, jitter: 0, maxTotalTime: 15s } }
        """);
    ExecutionRecord run = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    Changes first = new Changes();
    engine.onTaskFailed(s, record(onlyTask(started)), down(), NO_CHILDREN, first);
    assertThat(onlyTask(first).dueAt()).isEqualTo(NOW.plusSeconds(10)); // within 15s of the rule's first use
    clock.advance(Duration.ofSeconds(10));
    Changes changes = new Changes();

    engine.onTaskFailed(s, record(onlyTask(first)), down(), NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty(); // the next would start 20s after the first use
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
  }

  @Test
  void theStepsOwnRetryStopsAtItsMaxTotalTimeCountedFromTheStepsStartAndTheRulesTakeOver() {
    CompiledWorkflow workflow = compile("""
        name: own-total
        steps:
          - id: call
            handler: lead-enrichment
            retry: { maxAttempts: 10, initialBackoff: 10s, multiplier: 1, jitter: 0, maxTotalTime: 15s }
            onError:
              - then: { skip: {} }
        """);
    ExecutionRecord run = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    Changes retried = new Changes();
    engine.onTaskFailed(s, record(onlyTask(started)), down(), NO_CHILDREN, retried);
    assertThat(onlyTask(retried).attempt()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(10));
    Changes changes = new Changes();

    engine.onTaskFailed(s, record(onlyTask(retried)), down(), NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(s.step("call").status()).isEqualTo(StepStatus.STEP_STATUS_SKIPPED);
    assertThat(s.step("call").recovery().getDecisions(0).getError().getAttempt()).isEqualTo(2);
  }

  @Test
  void inAForEachStepTheRulesApplyPerElementAndASkippedElementKeepsItsPlaceInTheOutput() {
    CompiledWorkflow workflow = compile("""
        name: per-element
        steps:
          - id: each
            handler: lead-enrichment
            forEach: { items: "input.segments" }
            input: { segment: "${item}" }
            onError:
              - if: "item == 'b' && index == 1"
                then: { skip: { output: { leads: [] } } }
              - then: { fallback: { config: { provider: backup } } }
        """);
    ExecutionRecord run = running(workflow, "{\"segments\":[\"a\",\"b\"]}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    NewTask a = started.newTasks().get(0);
    NewTask b = started.newTasks().get(1);
    Changes aFellBack = new Changes();
    engine.onTaskFailed(s, record(a), down(), NO_CHILDREN, aFellBack);
    NewTask aBackup = onlyTask(aFellBack);
    assertThat(aBackup.itemIndex()).isZero();
    assertThat(aBackup.payload().getIdempotencyKey()).isEqualTo(run.id + "/each[0]/2");
    Changes bSkipped = new Changes();

    engine.onTaskFailed(s, record(b), down(), NO_CHILDREN, bSkipped);
    engine.onTaskSucceeded(s, record(aBackup), json("{\"leads\":[\"x\"]}"), NO_CHILDREN, new Changes());

    assertThat(eventTypes(bSkipped)).contains(ITEM_SKIPPED);
    StepRecord each = s.step("each");
    assertThat(each.status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(each.output()).isEqualTo(json("[{\"leads\":[\"x\"]},{\"leads\":[]}]"));
    assertThat(each.recovery().getDecisionsList()).extracting(RecoveryDecision::getItemIndex,
        RecoveryDecision::getAction).containsExactly(
            tuple(0, RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK),
            tuple(1, RecoveryActionKind.RECOVERY_ACTION_KIND_SKIP));
    assertThat(each.recovery().getHandlersTriedList()).extracting(HandlerRun::getItemIndex, HandlerRun::getProvider,
        HandlerRun::getStatus).containsExactly(
            tuple(0, "", StepStatus.STEP_STATUS_FAILED),
            tuple(0, "backup", StepStatus.STEP_STATUS_SUCCEEDED),
            tuple(1, "", StepStatus.STEP_STATUS_FAILED));
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
  }
}
