package dev.baton.orchestrator.definition;

import static dev.baton.orchestrator.definition.Definitions.compile;
import static dev.baton.orchestrator.definition.Definitions.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checks on {@code onError} when a definition is applied: each violation names the step, the rule and the field. */
class RecoveryRuleValidationTest {

  @Test
  void validRulesCompileInTheOrderTheyAreConsultedStepRulesThenTheWorkflowsDefaults() throws Exception {
    CompiledWorkflow workflow = compile("""
        name: w
        onError:
          - then: { fail: { message: "giving up" } }
        steps:
          - id: enrich
            handler: lead-enrichment
            config: { provider: primary }
            onError:
              - if: "error.message.matches('(?i)timeout') && error.attempt < 5"
                then: { retry: { maxAttempts: 3, initialBackoff: 2s, maxTotalTime: 1m } }
              - if: "error.code == 'PROVIDER_DOWN'"
                then: { fallback: { handler: noop, config: { provider: backup }, retry: { maxAttempts: 2 } } }
              - then: { skip: { output: { leads: [] } } }
        """);

    var rules = workflow.step("enrich").onError();
    assertThat(rules).extracting(CompiledRule::ref).containsExactly(
        "steps.enrich.onError[0]", "steps.enrich.onError[1]", "steps.enrich.onError[2]", "onError[0]");
    assertThat(rules).extracting(CompiledRule::workflowDefault).containsExactly(false, false, false, true);
    RuleAction.RetryAgain retry = (RuleAction.RetryAgain) rules.get(0).action();
    assertThat(retry.policy().maxAttempts()).isEqualTo(3);
    assertThat(retry.policy().maxTotalTime()).isEqualTo(Duration.ofMinutes(1));
    RuleAction.FallBack fallback = (RuleAction.FallBack) rules.get(1).action();
    assertThat(fallback.handler()).contains("noop");
    assertThat(fallback.config().orElseThrow().get("provider").asText()).isEqualTo("backup");
    assertThat(fallback.retry().maxAttempts()).isEqualTo(2);
    assertThat(((RuleAction.Skip) rules.get(2).action()).output().toString()).isEqualTo("{\"leads\":[]}");
    assertThat(rules.get(2).condition()).isEmpty();
    assertThat(((RuleAction.Fail) rules.get(3).action()).message()).isEqualTo("giving up");
  }

  @Test
  void anIfThatIsNotValidCelIsRejectedWithItsPosition() {
    assertThat(violations("""
        name: w
        steps:
          - id: enrich
            handler: noop
            onError:
              - if: "error.code =="
                then: { fail: {} }
        """)).singleElement().asString().startsWith("steps[0] (enrich).onError[0].if: 'error.code ==': 1:");
  }

  @Test
  void anIfMustYieldABool() {
    assertThat(violations("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { if: "'text'", then: { fail: {} } } ] }
        """)).containsExactly("steps[0] (enrich).onError[0].if: ''text'' yields string (expected: a bool)");
  }

  @Test
  void aFallbackHandlerMustBeProvidedOnTheStepsTaskQueue() {
    assertThat(violations("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { then: { fallback: { handler: ghost } } } ] }
        """)).containsExactly(
            "steps[0] (enrich).onError[0].then.fallback.handler: no executor provides handler 'ghost' on task queue 'default'");
  }

  @Test
  void aDefaultRulesFallbackHandlerMustBeProvidedOnEveryQueueItServes() {
    assertThat(violations("""
        name: w
        onError: [ { then: { fallback: { handler: ghost } } } ]
        steps:
          - { id: enrich, handler: noop }
        """)).containsExactly(
            "onError[0].then.fallback.handler: no executor provides handler 'ghost' on task queue 'default'");
  }

  @Test
  void aFallbackToTheSameHandlerWithTheSameConfigIsRejectedAsARetryInDisguise() {
    assertThat(violations("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { then: { fallback: { retry: { maxAttempts: 2 } } } } ] }
        """)).containsExactly("steps[0] (enrich).onError[0].then.fallback: set 'handler' or 'config' "
            + "(a fallback to the same handler with the same config is a retry)");
  }

  @Test
  void aRuleWithoutAnActionIsRejected() {
    assertThat(violations("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { if: "true" }, { then: {} } ] }
        """)).containsExactly(
            "steps[0] (enrich).onError[0].then: required (expected: exactly one of retry, fallback, skip, fail, intervene)",
            "steps[0] (enrich).onError[1].then: required (expected: exactly one of retry, fallback, skip, fail, intervene)");
  }

  @Test
  void aRuleWithTwoActionsIsRejectedWhenParsed() {
    assertThatThrownBy(() -> DefinitionParser.parse("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { then: { fail: {} } }, { then: { skip: {}, fail: {} } } ] }
        """))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("steps[0] (enrich).onError[1].then: only one of skip, fail may be set");
  }

  @Test
  void interveneCompilesWithItsReasonAndWhomToNotify() throws Exception {
    var step = compile("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { then: { intervene: { reason: "check the lead", notify: ops } } } ] }
        """).step("enrich");
    assertThat(step.onError()).singleElement().extracting(CompiledRule::action)
        .isEqualTo(new RuleAction.Intervene("check the lead", "ops"));
  }

  @Test
  void interveneIsRefusedOnAForEachStepWhichCanOnlyWaitAsAWhole() {
    assertThat(violations("""
        name: w
        steps:
          - id: enrich
            handler: noop
            forEach: { items: "[1, 2]" }
            onError: [ { then: { skip: {} } }, { then: { intervene: {} } } ]
        """)).containsExactly(
        "steps[0] (enrich).onError[1].then.intervene: not allowed on a forEach step (expected: retry, fallback, skip or fail)");
  }

  @Test
  void theRetryOfARuleIsCheckedLikeAStepsRetry() {
    assertThat(violations("""
        name: w
        steps:
          - { id: enrich, handler: noop, onError: [ { then: { retry: { maxAttempts: 0, maxTotalTime: 0s, jitter: 2 } } } ] }
        """)).containsExactly(
            "steps[0] (enrich).onError[0].then.retry.jitter: 2.0 (expected: 0-1)",
            "steps[0] (enrich).onError[0].then.retry.maxTotalTime: '0s' (expected: > 0)");
  }

  @Test
  void onlyHandlerStepsHaveRecoveryRules() {
    assertThat(violations("""
        name: w
        steps:
          - { id: child, workflow: email-sequence, onError: [ { then: { fail: {} } } ] }
        """)).containsExactly(
            "steps[0] (child).onError: recovery rules apply to handler steps only (expected: no onError on a 'workflow' step)");
  }

  @Test
  void aStepsRuleMayReadOnlyUpstreamStepsAndItemOnlyInAForEachStep() {
    assertThat(violations("""
        name: w
        steps:
          - { id: a, handler: noop }
          - id: b
            handler: noop
            onError:
              - { if: "steps.c.status == 'SUCCEEDED'", then: { fail: {} } }
              - { if: "item == 1", then: { fail: {} } }
          - { id: c, handler: noop }
        """)).containsExactlyInAnyOrder(
            "steps[1] (b).onError[0].if: 'steps.c.status == 'SUCCEEDED'' reads step 'c', which is not upstream of this "
                + "step (expected: a step it depends on, directly or transitively)",
            "steps[1] (b).onError[1].if: 'item' is not available in a step without 'forEach' "
                + "(expected: only in the input and the onError rules of a forEach step)");
  }

  @Test
  void theWorkflowsDefaultRulesCannotNameStepsNorUseItem() {
    assertThat(violations("""
        name: w
        onError:
          - { if: "steps.a.status == 'SUCCEEDED' || index == 0", then: { fail: {} } }
        steps:
          - { id: a, handler: noop }
        """)).containsExactlyInAnyOrder(
            "onError[0].if: 'index' is not available in the workflow's onError rules "
                + "(expected: only in the input and the onError rules of a forEach step)",
            "onError[0].if: 'steps.a.status == 'SUCCEEDED' || index == 0' reads step 'a' (expected: no step by name in "
                + "the workflow's onError rules; which steps have finished depends on the step that failed)");
  }

  @Test
  void errorExistsOnlyInTheIfOfARule() {
    assertThat(violations("""
        name: w
        steps:
          - { id: a, handler: noop, when: "error.code == 'X'", input: { c: "${error.code}" } }
        """)).containsExactly(
            "steps[0] (a).when: 'error' is not available in 'when' and 'forEach.items' "
                + "(expected: only in the 'if' of an onError rule)",
            "steps[0] (a).input.c: 'error' is not available in a step without 'forEach' "
                + "(expected: only in the 'if' of an onError rule)");
  }
  @Test
  void aBranchOnlyFailNeedsTheWorkflowsOptInAndTheViolationNamesTheField() {
    assertThat(violations("""
        name: w
        onError:
          - then: { fail: { branchOnly: true } }
        steps:
          - id: a
            handler: noop
            onError:
              - { if: "error.code == 'GONE'", then: { fail: { message: "gone", branchOnly: true } } }
        """)).containsExactlyInAnyOrder(
            "onError[0].then.fail.branchOnly: true but the workflow does not set allowBranchFailure "
                + "(expected: allowBranchFailure: true on the workflow, or branchOnly: false)",
            "steps[0] (a).onError[0].then.fail.branchOnly: true but the workflow does not set allowBranchFailure "
                + "(expected: allowBranchFailure: true on the workflow, or branchOnly: false)");
  }

  @Test
  void withTheOptInABranchOnlyFailCompilesButNotOnAForEachStep() throws Exception {
    String yaml = """
        name: w
        allowBranchFailure: true
        steps:
          - id: a
            handler: noop
            onError:
              - then: { fail: { message: "gone", branchOnly: true } }
          - id: each
            handler: noop
            forEach: { items: "[1]" }
            onError:
              - then: { fail: { branchOnly: true } }
        """;
    assertThat(violations(yaml)).containsExactly("steps[1] (each).onError[0].then.fail.branchOnly: not allowed on a "
        + "forEach step (expected: false; skip the element, or fail the execution)");

    CompiledWorkflow workflow = compile(yaml.substring(0, yaml.indexOf("  - id: each")));
    RuleAction.Fail fail = (RuleAction.Fail) workflow.step("a").onError().get(0).action();
    assertThat(fail.branchOnly()).isTrue();
    assertThat(fail.message()).isEqualTo("gone");
  }
}
