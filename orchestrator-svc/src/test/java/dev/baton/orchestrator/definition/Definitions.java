package dev.baton.orchestrator.definition;

import dev.baton.proto.v1.WorkflowDefinition;
import java.util.List;
import java.util.Set;

/** Definitions the tests share, and a compiler whose catalogs know the handlers and workflows they use. */
final class Definitions {
  /** The example of DESIGN.md, without {@code onError} (its rules are tested on their own). */
  static final String LEAD_PIPELINE = """
      name: lead-pipeline
      input: { required: [audience] }
      steps:
        - id: translate
          handler: audience-translator
          input: { text: "${input.audience}" }
        - id: enrich
          dependsOn: [translate]
          when: "size(steps.translate.output.criteria) > 0"     # CEL
          handler: lead-enrichment
          forEach: { items: "steps.translate.output.segments", concurrency: 4 }
          retry: { maxAttempts: 4, initialBackoff: 1s, multiplier: 2, maxBackoff: 30s, nonRetryable: [INVALID_LEAD] }
          timeout: { startToClose: 30s, heartbeat: 10s }
        - id: email
          dependsOn: [enrich]
          workflow: email-sequence                      # chain: run another workflow as a step
      """;

  static final Set<String> KNOWN_HANDLERS = Set.of("audience-translator", "lead-enrichment", "noop");
  static final Set<String> KNOWN_WORKFLOWS = Set.of("email-sequence");

  static final DefinitionCompiler COMPILER = new DefinitionCompiler(
      (queue, handler) -> queue.equals("default") && KNOWN_HANDLERS.contains(handler),
      KNOWN_WORKFLOWS::contains);

  private Definitions() {}

  static WorkflowDefinition parse(String yaml) {
    try {
      return DefinitionParser.parse(yaml);
    } catch (InvalidDefinitionException e) {
      throw new AssertionError("test definition does not parse: " + e.getMessage(), e);
    }
  }

  static CompiledWorkflow compile(String yaml) throws InvalidDefinitionException {
    return COMPILER.compile(parse(yaml));
  }

  /** The violations compiling {@code yaml} reports; none when it compiles. */
  static List<String> violations(String yaml) {
    try {
      COMPILER.compile(parse(yaml));
      return List.of();
    } catch (InvalidDefinitionException e) {
      return e.violations();
    }
  }
}
