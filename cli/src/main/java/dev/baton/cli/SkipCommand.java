package dev.baton.cli;

import dev.baton.proto.v1.SkipStepRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton skip ID --step S}: skips a waiting (or a FAILED execution's failed) step with an output. */
@Command(name = "skip", description = {
    "Skip a step that waits for a person, or the failed step of a FAILED execution (which then runs again),",
    "with an output standing in for the handler's: the steps after it run."})
final class SkipCommand implements Callable<Integer> {
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

  @Option(names = "--step", paramLabel = "STEP", required = true, description = "The step to skip.")
  String step;

  @Option(names = "--step-output", paramLabel = "JSON",
      description = "The step's output, a JSON value (default: null). (--output is the global output format.)")
  String output;

  @Override
  public Integer call() {
    SkipStepRequest.Builder request = SkipStepRequest.newBuilder().setExecutionId(id).setStepId(step)
        .setActor(actor.proto());
    if (output != null) {
      request.setOutputJson(output);
    }
    try (OrchestratorConnection connection = root.connect()) {
      return ActionResult.print(root, connection.api().skipStep(request.build()), spec.commandLine().getOut());
    }
  }
}
