package dev.baton.cli;

import dev.baton.proto.v1.PauseExecutionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton pause ID}: running steps finish, nothing new is dispatched until {@code unpause}. */
@Command(name = "pause", description = {
    "Pause an execution: running steps finish and their results are applied, but nothing new is",
    "dispatched (no step starts, retries are held) until unpause."})
final class PauseCommand implements Callable<Integer> {
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

  @Override
  public Integer call() {
    PauseExecutionRequest request = PauseExecutionRequest.newBuilder().setExecutionId(id).setActor(actor.proto()).build();
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, connection.api().pauseExecution(request), spec.commandLine().getOut());
    }
  }
}
