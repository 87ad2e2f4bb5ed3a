package dev.baton.cli.intervention;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ListFailedExecutionsRequest;
import dev.baton.proto.v1.ListFailedExecutionsResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton dead-letters}: failed executions with their last error, most recent failure first. */
@Command(name = "dead-letters", description = {
    "List failed executions with their last error, most recent failure first.",
    "Re-run them with retry ID, or in bulk with retry-failed."})
public final class DeadLettersCommand implements Callable<Integer> {
  /** Messages are cut to fit a terminal row; {@code get ID} shows the whole error. */
  private static final int MESSAGE_WIDTH = 80;

  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  FailedFilterOptions filter;

  @Option(names = "--limit", paramLabel = "N", description = "At most N executions (1-1000; default: the server's, 50).")
  int limit;

  @Override
  public Integer call() {
    ListFailedExecutionsRequest request = ListFailedExecutionsRequest.newBuilder()
        .setFilter(filter.proto(spec, root.context().clock())).setPageSize(limit).build();
    ListFailedExecutionsResponse response;
    try (OrchestratorConnection connection = root.connect()) {
      response = connection.api().listFailedExecutions(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.json()) {
      BatonCommand.printJson(response, out);
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("ID", "WORKFLOW", "FAILED AT", "STEP", "CODE", "MESSAGE");
    for (Execution e : response.getExecutionsList()) {
      table.row(e.getId(), e.getWorkflowName() + " v" + e.getWorkflowVersion(), time.timestamp(e.getEndTime()),
          orNone(e.getError().getStepId()), orNone(e.getError().getCode()), Table.firstLine(e.getError().getMessage(), MESSAGE_WIDTH));
    }
    table.print(out);
    if (!response.getNextPageToken().isEmpty()) {
      spec.commandLine().getErr().println("baton: more failed executions match; raise --limit to see them");
    }
    return 0;
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
