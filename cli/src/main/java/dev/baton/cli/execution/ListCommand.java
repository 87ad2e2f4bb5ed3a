package dev.baton.cli.execution;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton list}: recent executions, newest first. */
@Command(name = "list", description = "List executions, newest first.")
public final class ListCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Option(names = "--workflow", paramLabel = "NAME", description = "Only executions of this workflow.")
  String workflow;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "Only executions in this status: running, waiting (for a person), paused, succeeded, failed "
          + "or cancelled.")
  StatusFilter status;

  @Option(names = "--limit", paramLabel = "N", description = "At most N executions (1-1000; default: the server's, 50).")
  int limit;

  /** The statuses a user can filter on (not UNSPECIFIED). */
  enum StatusFilter {
    RUNNING(ExecutionStatus.EXECUTION_STATUS_RUNNING),
    WAITING(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION),
    PAUSED(ExecutionStatus.EXECUTION_STATUS_PAUSED),
    SUCCEEDED(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED),
    FAILED(ExecutionStatus.EXECUTION_STATUS_FAILED),
    CANCELLED(ExecutionStatus.EXECUTION_STATUS_CANCELLED);

    final ExecutionStatus proto;

    StatusFilter(ExecutionStatus proto) {
      this.proto = proto;
    }
  }

  @Override
  public Integer call() {
    ListExecutionsRequest.Builder request = ListExecutionsRequest.newBuilder().setPageSize(limit);
    if (workflow != null) {
      request.setWorkflowName(workflow);
    }
    if (status != null) {
      request.setStatus(status.proto);
    }
    ListExecutionsResponse response;
    try (OrchestratorConnection connection = root.connect()) {
      response = connection.api().listExecutions(request.build());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.json()) {
      BatonCommand.printJson(response, out);
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("ID", "WORKFLOW", "VERSION", "STATUS", "STARTED", "DURATION");
    for (Execution e : response.getExecutionsList()) {
      table.row(e.getId(), e.getWorkflowName(), e.getWorkflowVersion(), StatusLabel.of(e.getStatus()),
          time.timestamp(e.getCreateTime()), time.elapsed(e.getCreateTime(), e.getEndTime()));
    }
    table.print(out);
    if (!response.getNextPageToken().isEmpty()) {
      spec.commandLine().getErr().println("baton: more executions match; raise --limit to see them");
    }
    return 0;
  }
}
