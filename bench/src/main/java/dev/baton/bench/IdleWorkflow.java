package dev.baton.bench;

import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;

/**
 * A workflow whose executions stay RUNNING for an hour while costing almost nothing: its one step
 * calls a port nothing listens on (127.0.0.1:1, refused at once, a retryable HTTP_CONNECTION
 * failure) and then waits an hour for its retry. Waiting for a retry is a row in PostgreSQL, not
 * an executor slot or a heartbeat (a {@code sleep} step would hold one executor thread and send a
 * heartbeat per second each), so thousands of them load nothing but the watch streams.
 */
final class IdleWorkflow {
  static final String NAME = "bench-idle";
  static final String STEP = "wait";
  private static final String SOURCE = """
      name: bench-idle
      description: Benchmark - one step that fails at once and waits an hour for its retry (an idle execution)
      steps:
        - id: wait
          handler: http
          input: { url: "http://127.0.0.1:1/", timeout: 1s }
          retry: { maxAttempts: 2, initialBackoff: 1h, maxBackoff: 1h, jitter: 0 }
      """;

  private IdleWorkflow() {}

  static void apply(BatonClient client) {
    client.workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(SOURCE).build());
  }

  static StartExecutionRequest start() {
    return StartExecutionRequest.newBuilder().setWorkflowName(NAME).setInputJson("{\"phase\":\"idle\"}").build();
  }
}
