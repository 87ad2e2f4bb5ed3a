package dev.baton.dev;

import static org.awaitility.Awaitility.await;

import dev.baton.common.status.ExecutionStatuses;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Test shorthands over the real gRPC API. */
final class Executions {
  private Executions() {}

  static int apply(BatonClient client, String yaml) {
    return client.workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(yaml).build()).getVersion();
  }

  static Execution start(BatonClient client, String workflow, String inputJson) {
    return client.workflows().startExecution(StartExecutionRequest.newBuilder()
        .setWorkflowName(workflow).setInputJson(inputJson).build()).getExecution();
  }

  static Execution get(BatonClient client, String id) {
    return client.workflows().getExecution(GetExecutionRequest.newBuilder().setExecutionId(id).build());
  }

  /** Waits until the execution has ended (SUCCEEDED, FAILED or CANCELLED) and returns it. */
  static Execution awaitEnd(BatonClient client, String id, Duration timeout) {
    AtomicReference<Execution> last = new AtomicReference<>();
    await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
      last.set(get(client, id));
      return ExecutionStatuses.isTerminal(last.get().getStatus());
    });
    return last.get();
  }

  /** Waits until the execution is in {@code status} and returns it. */
  static Execution awaitStatus(BatonClient client, String id, ExecutionStatus status, Duration timeout) {
    AtomicReference<Execution> last = new AtomicReference<>();
    await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
      last.set(get(client, id));
      return last.get().getStatus() == status;
    });
    return last.get();
  }
}
