package dev.baton.cli;

import dev.baton.proto.v1.RetryStepRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton retry ID}: a waiting step runs again, or a FAILED execution runs again from its failed step. */
@Command(name = "retry", description = {
    "Run a step again: one that waits for a person, or the failed step of a FAILED execution.",
    "A FAILED execution runs again from there: steps that succeeded keep their outputs and do not run again."})
final class RetryCommand implements Callable<Integer> {
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

  @Option(names = "--step", paramLabel = "STEP",
      description = "The step (default: the failed step(s) of a FAILED execution, or the only waiting one).")
  String step;

  @Override
  public Integer call() {
    RetryStepRequest.Builder request = RetryStepRequest.newBuilder().setExecutionId(id).setActor(actor.proto());
    if (step != null) {
      request.setStepId(step);
    }
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, connection.api().retryStep(request.build()), spec.commandLine().getOut());
    }
  }
}
