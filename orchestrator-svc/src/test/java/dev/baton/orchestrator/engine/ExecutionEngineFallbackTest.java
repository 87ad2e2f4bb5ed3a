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
import static dev.baton.proto.v1.ExecutionEvent.Type.RECOVERY_APPLIED;
import static dev.baton.proto.v1.ExecutionEvent.Type.TASK_DISPATCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.HandlerRun;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

/** Recovery rules that fall back to another provider: dispatch, retries of the fallback, its record, no loops. */
class ExecutionEngineFallbackTest extends RecoveryRulesFixture {
  @Test
  void anErrorTheRegexDoesNotMatchTakesTheNextRuleAFallbackToTheBackupProviderDispatchedAtOnce() {
    NewTask second = onlyTask(fail(startEnrich(), "PROVIDER_DOWN", "503 from provider", true));

    Changes changes = fail(second, "PROVIDER_DOWN", "503 from provider", true);

    NewTask fallback = onlyTask(changes);
    assertThat(fallback.attempt()).isEqualTo(3);
    assertThat(fallback.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(fallback.dispatchNow()).isTrue();
    assertThat(fallback.leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
    assertThat(fallback.payload().getHandler()).isEqualTo("lead-enrichment");
    assertThat(json(fallback.payload().getConfigJson())).isEqualTo(json("{\"provider\":\"backup\"}"));
    assertThat(json(fallback.payload().getInputJson())).isEqualTo(json("{\"q\":\"ctos\"}"));
    assertThat(fallback.payload().getIdempotencyKey()).isEqualTo(execution.id + "/enrich/3");
    assertThat(eventTypes(changes))
        .containsExactly(ATTEMPT_FAILED, RECOVERY_APPLIED, TASK_DISPATCHED);
    var applied = changes.events().get(1).payload().getRecoveryApplied();
    assertThat(applied.getRule()).isEqualTo("steps.enrich.onError[1]");
    assertThat(applied.getAction()).isEqualTo("FALLBACK");
    assertThat(applied.getProvider()).isEqualTo("backup");
    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_RUNNING);
    assertThat(state.step("enrich").recovery().getHandlersTriedList())
        .extracting(HandlerRun::getProvider, HandlerRun::getFirstAttempt, HandlerRun::getLastAttempt,
            HandlerRun::getStatus, HandlerRun::getStartedBy)
        .containsExactly(
            tuple("primary", 1, 2, StepStatus.STEP_STATUS_FAILED, ""),
            tuple("backup", 3, 3, StepStatus.STEP_STATUS_RUNNING,
                "steps.enrich.onError[1]"));
    assertThat(state.step("enrich").recovery().getHandlersTried(0).getError().getCode()).isEqualTo("PROVIDER_DOWN");
  }

  @Test
  void aFallbackThatSucceedsCompletesTheStepAndTheRecordShowsBothProvidersTried() {
    NewTask second = onlyTask(fail(startEnrich(), "PROVIDER_DOWN", "503", true));
    NewTask fallback = onlyTask(fail(second, "PROVIDER_DOWN", "503", true));
    Changes changes = new Changes();

    engine.onTaskSucceeded(state, record(fallback), json("{\"leads\":[\"l1\"]}"), NO_CHILDREN, changes);

    assertThat(state.step("enrich").status()).isEqualTo(StepStatus.STEP_STATUS_SUCCEEDED);
    assertThat(state.step("enrich").error()).isNull();
    assertThat(state.step("enrich").recovery().getHandlersTriedList())
        .extracting(HandlerRun::getProvider, HandlerRun::getStatus)
        .containsExactly(tuple("primary", StepStatus.STEP_STATUS_FAILED),
            tuple("backup", StepStatus.STEP_STATUS_SUCCEEDED));
    assertThat(json(taskOf(changes, "email").payload().getInputJson())).isEqualTo(json("{\"leads\":[\"l1\"]}"));
  }

  @Test
  void aFailingFallbackIsRetriedByItsOwnPolicyThenGoesThroughTheRulesAgain() {
    NewTask second = onlyTask(fail(startEnrich(), "PROVIDER_DOWN", "503", true));
    NewTask fallback = onlyTask(fail(second, "PROVIDER_DOWN", "503", true));

    Changes retried = fail(fallback, "PROVIDER_DOWN", "backup 503", true);

    NewTask fallbackAgain = onlyTask(retried);
    assertThat(fallbackAgain.attempt()).isEqualTo(4);
    assertThat(fallbackAgain.dueAt()).isEqualTo(NOW.plusMillis(500)); // the fallback's retry policy
    assertThat(json(fallbackAgain.payload().getConfigJson())).isEqualTo(json("{\"provider\":\"backup\"}"));
    assertThat(eventTypes(retried)).containsExactly(ATTEMPT_FAILED);

    // rules again: the timeout rule does not match, the fallback rule is for the primary (and used),
    // nothing else matches PROVIDER_DOWN, so the step fails with the backup's error
    Changes changes = fail(fallbackAgain, "PROVIDER_DOWN", "backup 503", true);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(execution.error().getMessage()).isEqualTo("backup 503");
    assertThat(state.step("enrich").recovery().getHandlersTriedList())
        .extracting(HandlerRun::getProvider, HandlerRun::getLastAttempt, HandlerRun::getStatus)
        .containsExactly(tuple("primary", 2, StepStatus.STEP_STATUS_FAILED),
            tuple("backup", 4, StepStatus.STEP_STATUS_FAILED));
  }

  @Test
  void aFallbackRuleAppliesOncePerStepSoAFallbackFailingTheSameWayDoesNotLoop() {
    CompiledWorkflow workflow = compile("""
        name: once
        steps:
          - id: call
            handler: lead-enrichment
            onError:
              - if: "error.code == 'PROVIDER_DOWN'"
                then: { fallback: { handler: backup-enrichment } }
        """);
    ExecutionRecord run = running(workflow, "{}");
    Changes started = new Changes();
    ExecutionState s = engine.start(run, workflow, NO_CHILDREN, started);
    Changes fellBack = new Changes();
    engine.onTaskFailed(s, record(onlyTask(started)), down(), NO_CHILDREN, fellBack);
    NewTask backup = onlyTask(fellBack);
    assertThat(backup.payload().getHandler()).isEqualTo("backup-enrichment");
    assertThat(backup.payload().getConfigJson()).isEqualTo("{}"); // the step's own config
    Changes changes = new Changes();

    engine.onTaskFailed(s, record(backup), down(), NO_CHILDREN, changes);

    assertThat(changes.newTasks()).isEmpty();
    assertThat(run.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(s.step("call").recovery().getDecisionsList()).hasSize(1);
    assertThat(s.step("call").recovery().getHandlersTriedList()).extracting(HandlerRun::getHandler)
        .containsExactly("lead-enrichment", "backup-enrichment");
  }
}
