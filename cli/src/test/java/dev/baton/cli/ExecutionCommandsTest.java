package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.render.HumanTime;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** list, get and cancel. */
class ExecutionCommandsTest {
  private FakeWorkflowApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void listSendsTheFiltersAndPrintsOneRowPerExecution() {
    api.listResponse = ListExecutionsResponse.newBuilder()
        .addExecutions(Executions.failed().toBuilder().clearSteps())
        .addExecutions(Executions.succeeded().toBuilder().setId("ex-2").clearSteps())
        .build();

    CliResult result = CliResult.run("--server", api.target(), "list",
        "--workflow", "lead-pipeline", "--status", "failed", "--limit", "5");

    assertThat(result.exitCode()).isZero();
    String started = new HumanTime(java.time.Clock.system(ZoneId.systemDefault())).timestamp(Executions.at(0));
    assertThat(result.out()).isEqualTo(
        "ID    WORKFLOW       VERSION  STATUS     STARTED              DURATION\n"
            + "ex-1  lead-pipeline  3        FAILED     " + started + "  3m04s\n"
            + "ex-2  lead-pipeline  3        SUCCEEDED  " + started + "  1.2s\n");
    ListExecutionsRequest request = api.requests(ListExecutionsRequest.class).get(0);
    assertThat(request.getWorkflowName()).isEqualTo("lead-pipeline");
    assertThat(request.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(request.getPageSize()).isEqualTo(5);
  }

  @Test
  void listTellsOnStderrThatMoreExecutionsMatch() {
    api.listResponse = ListExecutionsResponse.newBuilder().addExecutions(Executions.running()).setNextPageToken("p2").build();

    CliResult result = CliResult.run("--server", api.target(), "list");

    assertThat(result.err()).contains("raise --limit");
  }

  @Test
  void listAsJsonIsTheResponse() throws Exception {
    api.listResponse = ListExecutionsResponse.newBuilder().addExecutions(Executions.running()).build();

    CliResult result = CliResult.run("--server", api.target(), "list", "-o", "json");

    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("executions").get(0).get("id").asText()).isEqualTo("ex-1");
  }

  @Test
  void getPrintsTheExecutionInDetailAndExitsZeroEvenWhenItFailed() {
    api.executions.add(Executions.failed());

    CliResult result = CliResult.run("--server", api.target(), "get", "ex-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("execution  ex-1\nworkflow   lead-pipeline v3\nstatus     FAILED\n")
        .contains("translate  SUCCEEDED  1        -      300ms");
  }

  @Test
  void cancelSendsTheReasonAndPrintsTheResultingStatus() {
    api.cancelResponse = Execution.newBuilder().setId("ex-1").setStatus(ExecutionStatus.EXECUTION_STATUS_CANCELLED).build();

    CliResult result = CliResult.run("--server", api.target(), "cancel", "ex-1", "--reason", "wrong audience");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("ID    STATUS\nex-1  CANCELLED\n");
    CancelExecutionRequest request = api.requests(CancelExecutionRequest.class).get(0);
    assertThat(request.getExecutionId()).isEqualTo("ex-1");
    assertThat(request.getReason()).isEqualTo("wrong audience");
  }
}
