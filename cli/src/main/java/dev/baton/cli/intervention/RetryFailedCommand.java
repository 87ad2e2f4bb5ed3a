package dev.baton.cli.intervention;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import dev.baton.proto.v1.RetryFailedExecutionsResponse;
import dev.baton.proto.v1.RetryFailedResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton retry-failed}: re-runs the failed executions that match, each from its failed step(s). */
@Command(name = "retry-failed", description = {
    "Re-run the failed executions that match the filter (oldest failure first), each from its failed step(s):",
    "steps that succeeded keep their outputs and do not run again. Give a filter, or --all."})
public final class RetryFailedCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  FailedFilterOptions filter;
  @Mixin
  ActorOptions actor;

  @Option(names = "--all", description = "Every failed execution of the tenant (instead of a filter).")
  boolean all;

  @Option(names = "--dry-run", description = "Only show which executions would be re-run; change nothing.")
  boolean dryRun;

  @Option(names = "--limit", paramLabel = "N",
      description = "At most N executions in this call (1-500; default: the server's, 100).")
  int limit;

  @Override
  public Integer call() {
    // the orchestrator checks that there is a filter or --all (not both): one place for that rule
    RetryFailedExecutionsRequest request = RetryFailedExecutionsRequest.newBuilder()
        .setFilter(filter.proto(spec, root.context().clock())).setAll(all).setActor(actor.proto()).setLimit(limit)
        .setDryRun(dryRun).build();
    RetryFailedExecutionsResponse response;
    try (OrchestratorConnection connection = root.connect()) {
      response = connection.api().retryFailedExecutions(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.json()) {
      BatonCommand.printJson(response, out);
      return 0;
    }
    Table table = new Table("ID", "WORKFLOW", "CODE", "OUTCOME", "REASON");
    int retried = 0;
    for (RetryFailedResult r : response.getResultsList()) {
      String outcome = r.getOutcome().name().replace("OUTCOME_", "").replace('_', ' ');
      table.row(r.getExecutionId(), r.getWorkflowName(), r.getError().getCode().isEmpty() ? "-" : r.getError().getCode(),
          outcome, r.getReason().isEmpty() ? "-" : r.getReason());
      retried += r.getOutcome() == RetryFailedResult.Outcome.OUTCOME_SKIPPED ? 0 : 1;
    }
    table.print(out);
    out.println((dryRun ? "would retry " : "retried ") + retried + ", skipped "
        + (response.getResultsCount() - retried));
    out.flush();
    if (response.getMore()) {
      spec.commandLine().getErr().println("baton: more failed executions match; run again (or raise --limit)");
    }
    return 0;
  }
}
