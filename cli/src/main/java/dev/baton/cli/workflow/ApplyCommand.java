package dev.baton.cli.workflow;

import dev.baton.cli.command.FileCalls;
import dev.baton.cli.command.Subcommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton apply -f FILE}: stores each definition as a new version (or reports it unchanged). */
@Command(name = "apply", description = {
    "Validate workflow definitions (YAML or JSON) and store each as the new active version.",
    "A definition equal to the active version is left unchanged."})
public final class ApplyCommand extends Subcommand {
  @Mixin
  FileCalls definitions;

  @Override
  public Integer call() {
    try (OrchestratorConnection connection = root().connect()) {
      definitions.run(root(), out(),
          source -> connection.api().applyWorkflow(ApplyWorkflowRequest.newBuilder().setSourceText(source).build()),
          applied -> "workflow " + applied.getName() + " version " + applied.getVersion()
              + (applied.getCreated() ? " (created)" : " (unchanged)"));
    }
    return 0;
  }
}
