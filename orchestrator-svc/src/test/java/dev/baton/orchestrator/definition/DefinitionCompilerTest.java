package dev.baton.orchestrator.definition;

import static dev.baton.orchestrator.definition.Definitions.compile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.common.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionCompilerTest {

  @Test
  void compilesTheDesignExampleIntoTheDag() throws Exception {
    CompiledWorkflow workflow = compile(Definitions.LEAD_PIPELINE);

    assertThat(workflow.name()).isEqualTo("lead-pipeline");
    assertThat(workflow.steps()).extracting(CompiledStep::id).containsExactly("translate", "enrich", "email");
    assertThat(workflow.roots()).extracting(CompiledStep::id).containsExactly("translate");
    assertThat(workflow.dependents("translate")).extracting(CompiledStep::id).containsExactly("enrich");
    assertThat(workflow.dependents("email")).isEmpty();
    assertThat(workflow.sinks()).extracting(CompiledStep::id).containsExactly("email");
    assertThat(workflow.requiredInputs()).containsExactly("audience");
    assertThat(workflow.output()).isEmpty();
  }

  @Test
  void appliesTheDocumentedDefaultsAndReadsEveryStepSetting() throws Exception {
    CompiledWorkflow workflow = compile(Definitions.LEAD_PIPELINE);
    CompiledStep translate = workflow.step("translate");
    CompiledStep enrich = workflow.step("enrich");
    CompiledStep email = workflow.step("email");

    assertThat(translate.retry()).isEqualTo(Retry.defaults());
    assertThat(translate.concurrency()).isEqualTo(10);
    assertThat(translate.forEachItems()).isEmpty();
    assertThat(translate.startToClose()).isEqualTo(Duration.ZERO);
    assertThat(translate.taskQueue()).isEqualTo("default");
    assertThat(translate.config().toString()).isEqualTo("{}");
    assertThat(translate.input().render(Map.of("input", Map.of("audience", "ctos"))).toString())
        .isEqualTo("{\"text\":\"ctos\"}");

    assertThat(enrich.retry()).isEqualTo(new Retry(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2,
        Set.of("INVALID_LEAD")));
    assertThat(enrich.startToClose()).isEqualTo(Duration.ofSeconds(30));
    assertThat(enrich.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(enrich.concurrency()).isEqualTo(4);
    assertThat(enrich.forEachItems()).map(Expression::source).contains("steps.translate.output.segments");
    assertThat(enrich.when()).map(Expression::source).contains("size(steps.translate.output.criteria) > 0");
    assertThat(enrich.input().render(Map.of()).toString()).isEqualTo("{}");
    assertThat(enrich.isChildWorkflow()).isFalse();
    assertThat(enrich.handler()).isEqualTo("lead-enrichment");

    assertThat(email.isChildWorkflow()).isTrue();
    assertThat(email.childWorkflow()).isEqualTo("email-sequence");
    assertThat(email.childWorkflowVersion()).isZero();
  }

  @Test
  void taskQueueComesFromTheStepElseTheWorkflow() throws Exception {
    DefinitionCompiler anyHandler = new DefinitionCompiler((queue, handler) -> true, name -> true);
    CompiledWorkflow workflow = anyHandler.compile(Definitions.parse("""
        name: w
        taskQueue: batch
        steps:
          - { id: a, handler: noop }
          - { id: b, handler: noop, taskQueue: fast }
        """));

    assertThat(workflow.step("a").taskQueue()).isEqualTo("batch");
    assertThat(workflow.step("b").taskQueue()).isEqualTo("fast");
  }

  @Test
  void keepsConfigAsJsonWithWholeNumbersAsIntegers() throws Exception {
    CompiledWorkflow workflow = compile("""
        name: w
        steps:
          - id: a
            handler: noop
            config: { provider: backup, limit: 3, ratio: 0.5, nested: { list: [1, "x"] } }
            input: { n: 2, literal: "${1 + 1}" }
        """);

    assertThat(workflow.step("a").config())
        .isEqualTo(Json.parse("{\"provider\":\"backup\",\"limit\":3,\"ratio\":0.5,\"nested\":{\"list\":[1,\"x\"]}}"));
    assertThat(workflow.step("a").input().render(Map.of()).toString()).isEqualTo("{\"n\":2,\"literal\":2}");
  }

  @Test
  void compilesTheOutputMapping() throws Exception {
    CompiledWorkflow workflow = compile("""
        name: w
        steps: [{ id: a, handler: noop }]
        output: { result: "${steps.a.output}" }
        """);

    assertThat(workflow.output()).isPresent();
    assertThat(workflow.output().get().render(Map.of("steps", Map.of("a", Map.of("output", 5)))).toString())
        .isEqualTo("{\"result\":5}");
  }

  @Test
  void unknownStepLookupFailsLoudly() throws Exception {
    CompiledWorkflow workflow = compile(Definitions.LEAD_PIPELINE);

    assertThatThrownBy(() -> workflow.step("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
  }

  // --- trusted compilation ---

  @Test
  void trustedCompilationSkipsTheCatalogs() {
    CompiledWorkflow workflow = DefinitionCompiler.compileTrusted(Definitions.parse("""
        name: w
        steps: [{ id: a, handler: retired-handler }, { id: b, workflow: deleted-workflow, dependsOn: [a] }]
        """));

    assertThat(workflow.steps()).extracting(CompiledStep::id).containsExactly("a", "b");
  }

  @Test
  void trustedCompilationStillRejectsABrokenDefinition() {
    assertThatThrownBy(() -> DefinitionCompiler.compileTrusted(Definitions.parse("name: w\nsteps: []")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stored definition of 'w' is invalid: steps: at least one step is required");
  }
}
