package dev.baton.orchestrator.engine;

import static dev.baton.orchestrator.engine.EngineFixture.LEASE;
import static dev.baton.orchestrator.engine.EngineFixture.NOW;
import static dev.baton.orchestrator.engine.EngineFixture.NO_CHILDREN;
import static dev.baton.orchestrator.engine.EngineFixture.compile;
import static dev.baton.orchestrator.engine.EngineFixture.json;
import static dev.baton.orchestrator.engine.EngineFixture.onlyTask;
import static dev.baton.orchestrator.engine.EngineFixture.record;
import static dev.baton.orchestrator.engine.EngineFixture.running;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import dev.baton.proto.v1.StepError;
import dev.baton.testkit.MutableClock;

/**
 * An execution of a workflow whose {@code enrich} step has one recovery rule of each kind, run by
 * the engine on a clock the test moves: what the recovery rule tests share.
 */
abstract class RecoveryRulesFixture {
  /** The step retries once on its own; then the rules, in order. */
  static final CompiledWorkflow ENRICH = compile("""
      name: enrich-leads
      steps:
        - { id: lookup, handler: noop, input: { q: "${input.q}" } }
        - id: enrich
          dependsOn: [lookup]
          handler: lead-enrichment
          input: { q: "${input.q}" }
          config: { provider: primary, limit: 5 }
          retry: { maxAttempts: 2, initialBackoff: 1s, jitter: 0 }
          onError:
            - if: "error.message.matches('(?i)timeout')"
              then: { retry: { maxAttempts: 2, initialBackoff: 10s, multiplier: 3, jitter: 0 } }
            - if: "error.code == 'PROVIDER_DOWN' && error.provider == 'primary'"
              then: { fallback: { config: { provider: backup }, retry: { maxAttempts: 2, initialBackoff: 500ms, jitter: 0 } } }
            - if: "error.code == 'INVALID_LEAD'"
              then: { skip: { output: { leads: [] } } }
            - if: "error.code == 'FORBIDDEN'"
              then: { fail: { message: "provider refused" } }
        - { id: email, handler: noop, dependsOn: [enrich], input: { leads: "${steps.enrich.output.leads}" } }
      """);

  final MutableClock clock = MutableClock.at(NOW);
  final ExecutionEngine engine = new ExecutionEngine(clock, () -> 0.5, LEASE);
  final ExecutionRecord execution = running(ENRICH, "{\"q\":\"ctos\"}");
  final Changes started = new Changes();
  final ExecutionState state = engine.start(execution, ENRICH, NO_CHILDREN, started);

  /** Completes {@code lookup} and returns enrich's first task. */
  NewTask startEnrich() {
    Changes changes = new Changes();
    engine.onTaskSucceeded(state, record(onlyTask(started)), json("{}"), NO_CHILDREN, changes);
    return onlyTask(changes);
  }

  Changes fail(NewTask task, String code, String message, boolean retryable) {
    Changes changes = new Changes();
    engine.onTaskFailed(state, record(task), StepError.newBuilder().setCode(code).setMessage(message)
        .setRetryable(retryable).build(), NO_CHILDREN, changes);
    return changes;
  }

  static StepError down() {
    return StepError.newBuilder().setCode("PROVIDER_DOWN").setMessage("down").setRetryable(true).build();
  }
}
