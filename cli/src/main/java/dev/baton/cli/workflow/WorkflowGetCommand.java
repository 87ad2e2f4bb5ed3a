package dev.baton.cli.workflow;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.ProtoText;
import dev.baton.proto.v1.GetWorkflowRequest;
import dev.baton.proto.v1.Workflow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton workflows get NAME}: a definition as YAML that {@code baton apply -f} takes back. */
@Command(name = "get", description = {
    "Print a workflow definition as YAML (with -o json: the stored version as JSON)."})
final class WorkflowGetCommand implements Callable<Integer> {
  @ParentCommand
  WorkflowsCommand workflows;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Option(names = "--version", paramLabel = "N", description = "Version to print (default: the active one).")
  int version;

  @Override
  public Integer call() {
    BatonCommand root = workflows.root;
    Workflow workflow;
    try (OrchestratorConnection connection = root.connect()) {
      workflow = connection.api().getWorkflow(GetWorkflowRequest.newBuilder().setName(name).setVersion(version).build());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (root.json()) {
      BatonCommand.printJson(workflow, out);
    } else {
      out.print(ProtoText.yaml(workflow.getDefinition()));
      out.flush();
    }
    return 0;
  }
}
