package dev.baton.cli.workflow;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.ListWorkflowsResponse;
import dev.baton.proto.v1.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton workflows}: the tenant's workflows with their active versions; subcommands for one workflow. */
@Command(name = "workflows", aliases = "workflow",
    description = "List workflows with their active versions.",
    subcommands = {WorkflowVersionsCommand.class, WorkflowGetCommand.class})
public final class WorkflowsCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Override
  public Integer call() {
    ListWorkflowsResponse all = fetchAll();
    if (root.json()) {
      BatonCommand.printJson(all, spec.commandLine().getOut());
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("NAME", "ACTIVE VERSION", "STEPS", "UPDATED");
    for (Workflow w : all.getWorkflowsList()) {
      table.row(w.getName(), w.getActiveVersion(), w.getDefinition().getStepsCount(), time.timestamp(w.getCreateTime()));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }

  /** Every page, merged into one response: a listing of workflows is short enough to show whole. */
  private ListWorkflowsResponse fetchAll() {
    ListWorkflowsResponse.Builder all = ListWorkflowsResponse.newBuilder();
    try (OrchestratorConnection connection = root.connect()) {
      String pageToken = "";
      do {
        ListWorkflowsResponse page = connection.api()
            .listWorkflows(ListWorkflowsRequest.newBuilder().setPageToken(pageToken).build());
        all.addAllWorkflows(page.getWorkflowsList());
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty());
    }
    return all.build();
  }
}
