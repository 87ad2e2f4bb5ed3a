package dev.baton.bench;

import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;

/** The workflow under test: three built-in {@code noop} steps in a chain, so each run is three step transitions. */
final class ChainWorkflow {
  static final String NAME = "bench-chain";
  static final int STEPS = 3;
  private static final String SOURCE = """
      name: bench-chain
      description: Benchmark - three noop steps in a chain (a -> b -> c)
      steps:
        - { id: a, handler: noop }
        - { id: b, handler: noop, dependsOn: [a] }
        - { id: c, handler: noop, dependsOn: [b] }
      """;

  private ChainWorkflow() {}

  static void apply(BatonClient client) {
    client.workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(SOURCE).build());
  }

  /** A start request whose input names the phase, so each phase's executions can be told apart in the database. */
  static StartExecutionRequest start(String phase) {
    return StartExecutionRequest.newBuilder()
        .setWorkflowName(NAME)
        .setInputJson("{\"phase\":\"" + phase + "\"}")
        .build();
  }
}
