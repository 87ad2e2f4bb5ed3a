package dev.baton.orchestrator.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class DefinitionParserTest {

  @Test
  void parsesTheDesignExampleFromYaml() throws Exception {
    WorkflowDefinition definition = DefinitionParser.parse(Definitions.LEAD_PIPELINE);

    assertThat(definition.getName()).isEqualTo("lead-pipeline");
    assertThat(definition.getInput().getRequiredList()).containsExactly("audience");
    assertThat(definition.getStepsList()).extracting(Step::getId).containsExactly("translate", "enrich", "email");
    Step enrich = definition.getSteps(1);
    assertThat(enrich.getDependsOnList()).containsExactly("translate");
    assertThat(enrich.getWhen()).isEqualTo("size(steps.translate.output.criteria) > 0");
    assertThat(enrich.getHandler()).isEqualTo("lead-enrichment");
    assertThat(enrich.getForEach().getItems()).isEqualTo("steps.translate.output.segments");
    assertThat(enrich.getForEach().getConcurrency()).isEqualTo(4);
    assertThat(enrich.getRetry().getMaxAttempts()).isEqualTo(4);
    assertThat(enrich.getRetry().getInitialBackoff()).isEqualTo("1s");
    assertThat(enrich.getRetry().getMultiplier()).isEqualTo(2.0);
    assertThat(enrich.getRetry().getMaxBackoff()).isEqualTo("30s");
    assertThat(enrich.getRetry().getNonRetryableList()).containsExactly("INVALID_LEAD");
    assertThat(enrich.getTimeout().getStartToClose()).isEqualTo("30s");
    assertThat(enrich.getTimeout().getHeartbeat()).isEqualTo("10s");
    assertThat(definition.getSteps(0).getInput().getFieldsOrThrow("text").getStringValue()).isEqualTo("${input.audience}");
    assertThat(definition.getSteps(2).getWorkflow()).isEqualTo("email-sequence");
  }

  @Test
  void parsesJsonIntoTheSameDefinitionAsYaml() throws Exception {
    String json = """
        {"name": "lead-pipeline", "input": {"required": ["audience"]},
         "steps": [
           {"id": "translate", "handler": "audience-translator", "input": {"text": "${input.audience}"}},
           {"id": "enrich", "dependsOn": ["translate"], "when": "size(steps.translate.output.criteria) > 0",
            "handler": "lead-enrichment", "forEach": {"items": "steps.translate.output.segments", "concurrency": 4},
            "retry": {"maxAttempts": 4, "initialBackoff": "1s", "multiplier": 2, "maxBackoff": "30s",
                      "nonRetryable": ["INVALID_LEAD"]},
            "timeout": {"startToClose": "30s", "heartbeat": "10s"}},
           {"id": "email", "dependsOn": ["enrich"], "workflow": "email-sequence"}]}
        """;

    assertThat(DefinitionParser.parse(json)).isEqualTo(DefinitionParser.parse(Definitions.LEAD_PIPELINE));
  }

  @Test
  void acceptsProtoFieldNamesAsWellAsJsonNames() throws Exception {
    WorkflowDefinition definition = DefinitionParser.parse("""
        name: a
        steps: [{id: x, handler: noop, depends_on: [], task_queue: q}]
        """);

    assertThat(definition.getSteps(0).getTaskQueue()).isEqualTo("q");
  }

  @Test
  void rejectsUnknownKeysNamingTheStepAndTheKey() {
    String withTypo = Definitions.LEAD_PIPELINE.replace("    timeout: {",
        "    onFailure:\n"
            + "      - if: \"error.code == 'PROVIDER_DOWN'\"\n"
            + "        then: { fallback: { handler: lead-enrichment, config: { provider: backup } } }\n"
            + "    timeout: {");

    assertThatThrownBy(() -> DefinitionParser.parse(withTypo))
        .isInstanceOf(InvalidDefinitionException.class)
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations()).singleElement().asString()
            .startsWith("steps[1] (enrich).onFailure: unknown field (expected one of: id, dependsOn, when"));
  }

  @Test
  void reportsEveryUnknownKeyNotOnlyTheFirst() {
    assertThatThrownBy(() -> DefinitionParser.parse("""
        name: a
        titel: x
        steps:
          - id: x
            handler: noop
            retry: { maxAttempt: 3 }
        """))
        .isInstanceOf(InvalidDefinitionException.class)
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations())
            .hasSize(2)
            .anySatisfy(v -> assertThat(v).startsWith("titel: unknown field"))
            .anySatisfy(v -> assertThat(v).startsWith("steps[0] (x).retry.maxAttempt: unknown field")));
  }

  @Test
  void rejectsValuesOfTheWrongKindWithTheirPath() {
    assertThatThrownBy(() -> DefinitionParser.parse("""
        name: a
        steps:
          - id: x
            handler: noop
            dependsOn: y
            retry: { maxAttempts: four }
        """))
        .isInstanceOf(InvalidDefinitionException.class)
        .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations()).containsExactlyInAnyOrder(
            "steps[0] (x).dependsOn: expected a list, got a string ('y')",
            "steps[0] (x).retry.maxAttempts: expected an integer, got a string ('four')"));
  }

  @Test
  void reportsMalformedYamlWithItsLine() {
    assertThatThrownBy(() -> DefinitionParser.parse("name: a\nsteps: [\n  - id: x\n"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith("definition: not valid YAML or JSON at line 3, column 3: expected the node content, but found '-'");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> DefinitionParser.parse("name: a\nname: b\nsteps: []\n"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void rejectsEmptyTextAndNonObjects() {
    assertThatThrownBy(() -> DefinitionParser.parse("  \n"))
        .hasMessage("definition: empty (expected: YAML or JSON)");
    assertThatThrownBy(() -> DefinitionParser.parse("- a\n- b\n"))
        .hasMessage("definition: expected an object, got a list");
  }
}
