package dev.baton.cli;

import dev.baton.proto.v1.FailStepRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton fail ID --step S}: fails a step that waits for a person, and the execution with it. */
@Command(name = "fail", description = "Fail a step that waits for a person, and with it the execution.")
final class FailCommand implements Callable<Integer> {
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

  @Option(names = "--step", paramLabel = "STEP", required = true, description = "The waiting step.")
  String step;

  @Override
  public Integer call() {
    FailStepRequest request = FailStepRequest.newBuilder().setExecutionId(id).setStepId(step)
        .setActor(actor.proto()).build();
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, connection.api().failStep(request), spec.commandLine().getOut());
    }
  }
}
