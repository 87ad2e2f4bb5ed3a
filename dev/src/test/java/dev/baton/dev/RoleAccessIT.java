package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.common.json.Json;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.internal.v1.HeartbeatRequest;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a key's role lets it do, through the real services: reading is not running, and running is not executing. */
class RoleAccessIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_DEV_EXAMPLES", "false"));

  @BeforeAll
  static void workflows() {
    Executions.apply(stack.platform().client(), "name: role-noop\nsteps: [{id: only, handler: noop}]\n");
    Executions.apply(stack.platform().client(),
        "name: role-sleep\nsteps: [{id: nap, handler: sleep, input: {duration: 2s}}]\n");
  }

  @Test
  void aViewerKeyReadsExecutionsAndWatchesThemButCannotStartOrCancelOne() {
    String done = Executions.start(stack.platform().client(), "role-noop", "{}").getId();
    Executions.awaitEnd(stack.platform().client(), done, Duration.ofSeconds(30));
    BatonCredentials viewer = stack.platform().keys().create("default", Role.ROLE_VIEWER, "role-viewer");
    long executions = Db.count(stack.platform(), "SELECT count(*) FROM executions");

    try (BatonClient client = BatonClient.connect(stack.platform().orchestrators().get(0).target(), viewer)) {
      assertThat(client.workflows().getExecution(GetExecutionRequest.newBuilder().setExecutionId(done).build())
          .getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      assertThat(client.workflows().listExecutions(ListExecutionsRequest.newBuilder().setWorkflowName("role-noop")
          .build()).getExecutionsList()).extracting(Execution::getId).contains(done);
      assertDenied(() -> client.workflows().startExecution(StartExecutionRequest.newBuilder()
          .setWorkflowName("role-noop").setInputJson("{}").build()), "StartExecution");
      assertDenied(() -> client.workflows().cancelExecution(CancelExecutionRequest.newBuilder()
          .setExecutionId(done).build()), "CancelExecution");
    }
    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM executions")).isEqualTo(executions);
    ManagedChannel progress = ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build();
    try {
      ProgressWatch watch = ProgressWatch.start(progress, viewer, done, 0);
      assertThat(watch.awaitEnd(Duration.ofSeconds(10))).isEqualTo(Status.OK);
      assertThat(watch.updates()).hasSize(1);
    } finally {
      progress.shutdownNow();
    }
  }

  @Test
  void aTenantAdminKeyCannotReportResultsOrHeartbeatAndTheTaskGetsItsExecutorsResult() {
    String id = Executions.start(stack.platform().client(), "role-sleep", "{}").getId();
    await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(stack.platform(),
        "SELECT count(*) FROM tasks WHERE execution_id = '" + id + "' AND status = 'RUNNING'") == 1);
    String task = Db.text(stack.platform(), "SELECT id::text FROM tasks WHERE execution_id = '" + id + "'");
    var executorApi = ExecutorServiceGrpc.newBlockingStub(stack.platform().client().channel())
        .withInterceptors(stack.admin().interceptor());

    assertDenied(() -> executorApi.reportResults(ReportResultsRequest.newBuilder().setExecutorId("forger")
        .addResults(TaskResult.newBuilder().setTaskId(task).setOutputJson("{\"forged\": true}")).build()),
        "ReportResults");
    assertDenied(() -> executorApi.heartbeat(HeartbeatRequest.newBuilder().setExecutorId("forger")
        .addTaskIds(task).build()), "Heartbeat");

    Execution done = Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(30));
    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    // the sleep handler's own output, in the step and in the task
    assertThat(Json.parse(done.getSteps(0).getOutputJson())).isEqualTo(Json.parse("{\"sleptMs\": 2000}"));
    assertThat(Json.parse(Db.text(stack.platform(), "SELECT output::text FROM tasks WHERE id = '" + task + "'")))
        .isEqualTo(Json.parse("{\"sleptMs\": 2000}"));
  }

  private static void assertDenied(ThrowingCallable call, String method) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(e.getStatus().getDescription()).contains(method);
    });
  }
}
