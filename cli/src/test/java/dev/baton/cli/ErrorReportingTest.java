package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {

  @Test
  void unreachableOrchestratorIsOneLineNamingTheAddress() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String server = "localhost:" + closedPort;

    CliResult result = CliResult.run("--server", server, "list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo("baton: cannot reach the orchestrator at " + server + " (is `bin/baton dev` running?)\n");
  }

  @Test
  void serverErrorsPrintTheirCodeAndDescription() throws Exception {
    try (FakeWorkflowApi api = new FakeWorkflowApi()) {
      api.failure = Status.NOT_FOUND.withDescription("execution 'ex-9' not found");

      CliResult result = CliResult.run("--server", api.target(), "get", "ex-9");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("baton: NOT_FOUND: execution 'ex-9' not found\n");
    }
  }

  @Test
  void multiLineServerDescriptionsAreFlattenedToOneLine() throws Exception {
    try (FakeWorkflowApi api = new FakeWorkflowApi()) {
      api.failure = Status.INVALID_ARGUMENT.withDescription("steps[0].when: bad\n  at 1:5");

      CliResult result = CliResult.run("--server", api.target(), "get", "ex-9");

      assertThat(result.err()).isEqualTo("baton: INVALID_ARGUMENT: steps[0].when: bad at 1:5\n");
    }
  }

  @Test
  void unknownCommandIsOneLineWithASuggestion() {
    CliResult result = CliResult.run("lst");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'lst'").contains("did you mean list?").hasLineCount(1);
  }

  @Test
  void badDurationNamesTheOptionAndTheExpectedForm() {
    CliResult result = CliResult.run("run", "lead-pipeline", "--wait", "--timeout", "5x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("baton run: Invalid value for option '--timeout': '5x' "
        + "(expected: a duration like 500ms, 30s, 10m, 1h, 90d) (see 'baton run --help')\n");
  }

  @Test
  void unknownStatusFilterListsTheAcceptedOnes() {
    CliResult result = CliResult.run("list", "--status", "bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("RUNNING, WAITING, PAUSED, SUCCEEDED, FAILED, CANCELLED").hasLineCount(1);
  }
}
