package dev.baton.cli.workflow;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.ListWorkflowVersionsRequest;
import dev.baton.proto.v1.ListWorkflowVersionsResponse;
import dev.baton.proto.v1.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton workflows versions NAME}: every version of one workflow, newest first. */
@Command(name = "versions", description = "List every version of a workflow, newest first.")
final class WorkflowVersionsCommand implements Callable<Integer> {
  @ParentCommand
  WorkflowsCommand workflows;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Override
  public Integer call() {
    BatonCommand root = workflows.root;
    ListWorkflowVersionsResponse response;
    try (OrchestratorConnection connection = root.connect()) {
      response = connection.api().listWorkflowVersions(ListWorkflowVersionsRequest.newBuilder().setName(name).build());
    }
    if (root.json()) {
      BatonCommand.printJson(response, spec.commandLine().getOut());
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("VERSION", "ACTIVE", "STEPS", "CREATED");
    for (Workflow w : response.getVersionsList()) {
      table.row(w.getVersion(), w.getVersion() == w.getActiveVersion() ? "yes" : "",
          w.getDefinition().getStepsCount(), time.timestamp(w.getCreateTime()));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
