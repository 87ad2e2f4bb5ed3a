package dev.baton.cli;

import dev.baton.proto.v1.ResumeExecutionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton unpause ID}: a paused execution goes on (ResumeExecution). */
@Command(name = "unpause", description = {
    "Continue a paused execution: held retries are queued and ready steps start. It is RUNNING again,",
    "or WAITING_FOR_INTERVENTION if a step still waits for a person."})
final class UnpauseCommand implements Callable<Integer> {
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
    ResumeExecutionRequest request = ResumeExecutionRequest.newBuilder().setExecutionId(id).setActor(actor.proto())
        .build();
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, connection.api().resumeExecution(request), spec.commandLine().getOut());
    }
  }
}
