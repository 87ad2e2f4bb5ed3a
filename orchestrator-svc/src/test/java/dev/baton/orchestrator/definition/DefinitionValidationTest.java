package dev.baton.orchestrator.definition;

import static dev.baton.orchestrator.definition.Definitions.compile;
import static dev.baton.orchestrator.definition.Definitions.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One test per rule of {@link DefinitionCompiler#compile}: each violation names the step and the field. */
class DefinitionValidationTest {

  @Test
  void reportsAllViolationsAtOnce() {
    assertThat(violations("""
        name: Bad_Name
        steps:
          - { id: a, handler: unknown-handler, dependsOn: [ghost] }
          - { id: a, handler: noop }
        """)).containsExactlyInAnyOrder(
            "name: 'Bad_Name' (expected: lower-case letters, digits and '-', 1-63 characters)",
            "steps[1] (a).id: duplicate id 'a' (also steps[0])",
            "steps[0] (a).handler: no executor provides handler 'unknown-handler' on task queue 'default'",
            "steps[0] (a).dependsOn: unknown step 'ghost'");
  }

  // --- workflow fields ---

  @Test
  void nameIsRequired() {
    assertThat(violations("steps: [{ id: a, handler: noop }]"))
        .containsExactly("name: required (expected: lower-case letters, digits and '-', 1-63 characters)");
  }

  @Test
  void nameMustBeLowerCaseLettersDigitsAndDashesUpTo63() {
    assertThat(violations("name: " + "a".repeat(64) + "\nsteps: [{ id: a, handler: noop }]"))
        .singleElement().asString().startsWith("name: 'aaaa");
  }

  @Test
  void atLeastOneStepIsRequired() {
    assertThat(violations("name: w\nsteps: []")).containsExactly("steps: at least one step is required");
  }

  @Test
  void requiredInputsMustBeNonEmptyAndUnique() {
    assertThat(violations("""
        name: w
        input: { required: [a, "", a] }
        steps: [{ id: a, handler: noop }]
        """)).containsExactly(
            "input.required[1]: empty (expected: a top-level input key)",
            "input.required[2]: duplicate 'a'");
  }

  @Test
  void taskQueueNamesAreChecked() {
    assertThat(violations("""
        name: w
        taskQueue: Big Queue
        steps: [{ id: a, handler: noop, taskQueue: "q_1" }]
        """)).containsExactly(
            "taskQueue: 'Big Queue' (expected: lower-case letters, digits and '-', 1-63 characters)",
            "steps[0] (a).taskQueue: 'q_1' (expected: a task queue of lower-case letters, digits and '-', 1-63 characters)",
            "steps[0] (a).handler: no executor provides handler 'noop' on task queue 'q_1'");
  }

  // --- step ids and actions ---

  @Test
  void stepIdIsRequired() {
    assertThat(violations("name: w\nsteps: [{ handler: noop }]")).containsExactly("steps[0].id: required");
  }

  @Test
  void stepIdMustStartWithALetter() {
    assertThat(violations("name: w\nsteps: [{ id: 1st, handler: noop }]")).containsExactly(
        "steps[0] (1st).id: '1st' (expected: letters, digits, '_' and '-', starting with a letter, 1-63 characters)");
  }

  @Test
  void stepIdsMustBeUnique() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop }, { id: a, handler: noop }]"))
        .containsExactly("steps[1] (a).id: duplicate id 'a' (also steps[0])");
  }

  @Test
  void aStepNeedsAHandlerOrAWorkflow() {
    assertThat(violations("name: w\nsteps: [{ id: a }]"))
        .containsExactly("steps[0] (a): exactly one of 'handler' or 'workflow' is required");
  }

  @Test
  void aStepCannotHaveBothAHandlerAndAWorkflow() {
    assertThatThrownBy(() -> DefinitionParser.parse("name: w\nsteps: [{ id: a, handler: noop, workflow: other }]"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessage("steps[0] (a): only one of handler, workflow may be set");
  }

  @Test
  void handlerMustBeProvidedOnTheStepsTaskQueue() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, taskQueue: gpu }]"))
        .containsExactly("steps[0] (a).handler: no executor provides handler 'noop' on task queue 'gpu'");
  }

  @Test
  void childWorkflowMustExist() {
    assertThat(violations("name: w\nsteps: [{ id: a, workflow: nowhere }]"))
        .containsExactly("steps[0] (a).workflow: unknown workflow 'nowhere'");
  }

  @Test
  void aWorkflowCannotCallItselfAsAChild() {
    assertThat(violations("name: email-sequence\nsteps: [{ id: again, workflow: email-sequence }]"))
        .containsExactly("steps[0] (again).workflow: a workflow cannot run itself as a child ('email-sequence')");
  }

  @Test
  void workflowVersionOnlyGoesWithAWorkflow() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, workflowVersion: 2 }]"))
        .containsExactly("steps[0] (a).workflowVersion: only valid with 'workflow', not with 'handler'");
  }

  // --- dependencies ---

  @Test
  void dependsOnMustNameAnExistingStep() {
    assertThat(violations("""
        name: w
        steps:
          - { id: a, handler: noop }
          - { id: enrich, handler: noop, dependsOn: [a, foo] }
        """)).containsExactly("steps[1] (enrich).dependsOn: unknown step 'foo'");
  }

  @Test
  void aStepCannotDependOnItself() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, dependsOn: [a] }]"))
        .containsExactly("steps[0] (a).dependsOn: a step cannot depend on itself");
  }

  @Test
  void dependencyCyclesAreReportedWithTheirPath() {
    assertThat(violations("""
        name: w
        steps:
          - { id: start, handler: noop }
          - { id: a, handler: noop, dependsOn: [start, c] }
          - { id: b, handler: noop, dependsOn: [a] }
          - { id: c, handler: noop, dependsOn: [b] }
          - { id: x, handler: noop, dependsOn: [y] }
          - { id: y, handler: noop, dependsOn: [x] }
        """)).containsExactly(
            "steps[1] (a).dependsOn: dependency cycle a -> c -> b -> a",
            "steps[4] (x).dependsOn: dependency cycle x -> y -> x");
  }

  // --- expressions ---

  @Test
  void invalidCelInWhenIsReportedWithLineAndColumn() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, when: 'input.x >' }]")).singleElement().asString()
        .startsWith("steps[0] (a).when: 'input.x >': 1:10: mismatched input '<EOF>'");
  }

  @Test
  void whenMustYieldABool() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, when: \"'yes'\" }]"))
        .containsExactly("steps[0] (a).when: ''yes'' yields string (expected: a bool)");
  }

  @Test
  void invalidCelInForEachItemsIsReported() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, forEach: { items: 'input.(' } }]"))
        .singleElement().asString().startsWith("steps[0] (a).forEach.items: 'input.(': 1:7: ");
  }

  @Test
  void invalidCelInAnInputTemplateIsReportedWithItsPath() {
    assertThat(violations("""
        name: w
        steps:
          - id: a
            handler: noop
            input: { contact: { emails: ["ok", "${nosuch.x}"] } }
        """)).containsExactly(
            "steps[0] (a).input.contact.emails[1]: '${nosuch.x}': 1:1: undeclared reference to 'nosuch' (in container '')");
  }

  @Test
  void invalidCelInTheOutputIsReported() {
    assertThat(violations("""
        name: w
        steps: [{ id: a, handler: noop }]
        output: { total: "${steps.a.output.n +}" }
        """)).singleElement().asString().startsWith("output.total: '${steps.a.output.n +}': 1:");
  }

  @Test
  void expressionsMayOnlyReadUpstreamSteps() {
    assertThat(violations("""
        name: w
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop, dependsOn: [a] }
          - { id: c, handler: noop, dependsOn: [b], when: "steps.a.status == 'SUCCEEDED'" }
          - id: d
            handler: noop
            dependsOn: [a]
            input: { fromB: "${steps.b.output}", fromZ: "${steps['zzz'].output}" }
        """)).containsExactly(
            "steps[3] (d).input.fromB: 'steps.b.output' reads step 'b', which is not upstream of this step"
                + " (expected: a step it depends on, directly or transitively)",
            "steps[3] (d).input.fromZ: 'steps['zzz'].output' reads unknown step 'zzz'");
  }

  @Test
  void itemAndIndexAreOnlyAvailableInTheInputOfAForEachStep() {
    assertThat(violations("""
        name: w
        steps:
          - { id: a, handler: noop, when: "index > 0", input: { x: "${item}" } }
          - { id: b, handler: noop, forEach: { items: "input.list" }, input: { x: "${item}", i: "${index}" } }
        """)).containsExactly(
            "steps[0] (a).when: 'index' is not available in 'when' and 'forEach.items' (expected: only in the input and the onError rules of a forEach step)",
            "steps[0] (a).input.x: 'item' is not available in a step without 'forEach' (expected: only in the input and the onError rules of a forEach step)");
  }

  // --- retry, timeouts, forEach ---

  @Test
  void retryDurationsMustParse() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, retry: { maxAttempts: 3, initialBackoff: 5x } }]"))
        .containsExactly("steps[0] (a).retry.initialBackoff: '5x' (expected: a duration like 500ms, 10s, 2m, 1h)");
  }

  @Test
  void retryMaxAttemptsIsAtMost100() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, retry: { maxAttempts: 101 } }]"))
        .containsExactly("steps[0] (a).retry.maxAttempts: 101 (expected: 1-100)");
  }

  @Test
  void retryMaxAttemptsZeroMeansOneAttempt() throws Exception {
    assertThat(compile("name: w\nsteps: [{ id: a, handler: noop, retry: { maxAttempts: 0, initialBackoff: 2s } }]")
        .step("a").retry().maxAttempts()).isEqualTo(1);
  }

  @Test
  void retryMultiplierMustBeAtLeastOne() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, retry: { maxAttempts: 2, multiplier: 0.5 } }]"))
        .containsExactly("steps[0] (a).retry.multiplier: 0.5 (expected: >= 1)");
  }

  @Test
  void retryJitterIsAFractionBetweenZeroAndOne() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, retry: { maxAttempts: 2, jitter: 1.5 } }]"))
        .containsExactly("steps[0] (a).retry.jitter: 1.5 (expected: 0-1)");
  }

  @Test
  void retryMaxBackoffMustNotBeBelowInitialBackoff() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, retry: { initialBackoff: 10m } }]"))
        .containsExactly("steps[0] (a).retry.maxBackoff: 5m (default) (expected: >= initialBackoff '10m')");
  }

  @Test
  void timeoutsMustBePositiveDurations() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, timeout: { startToClose: 0s, heartbeat: soon } }]"))
        .containsExactly(
            "steps[0] (a).timeout.startToClose: '0s' (expected: > 0)",
            "steps[0] (a).timeout.heartbeat: 'soon' (expected: a duration like 500ms, 10s, 2m, 1h)");
  }

  @Test
  void forEachConcurrencyIsAtMost1000() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, forEach: { items: 'input.l', concurrency: 1001 } }]"))
        .containsExactly("steps[0] (a).forEach.concurrency: 1001 (expected: 1-1000, or 0 for 10)");
  }

  @Test
  void forEachNeedsItems() {
    assertThat(violations("name: w\nsteps: [{ id: a, handler: noop, forEach: { concurrency: 2 } }]"))
        .containsExactly("steps[0] (a).forEach.items: required (expected: a CEL expression that yields a list)");
  }
}
