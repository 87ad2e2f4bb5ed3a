package dev.baton.cli.intervention;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every person's action on an execution shares (pause, unpause, resume, retry, skip, fail):
 * the execution id, who acts and why, one orchestrator call, and the execution it returns printed.
 * picocli reads the annotated fields of this class for each subcommand.
 */
abstract class InterventionAction implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  ActorOptions actor;

  @Parameters(index = "0", paramLabel = "ID", description = "Execution id.")
  String id;

  /** Sends the action; returns the execution as the orchestrator left it. */
  abstract Execution act(OrchestratorConnection connection);

  @Override
  public final Integer call() {
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, act(connection), spec.commandLine().getOut());
    }
  }
}
