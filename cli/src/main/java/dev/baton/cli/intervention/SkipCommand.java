package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.SkipStepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton skip ID --step S}: skips a waiting (or a FAILED execution's failed) step with an output. */
@Command(name = "skip", description = {
    "Skip a step that waits for a person, or the failed step of a FAILED execution (which then runs again),",
    "with an output standing in for the handler's: the steps after it run."})
public final class SkipCommand extends InterventionAction {
  @Option(names = "--step", paramLabel = "STEP", required = true, description = "The step to skip.")
  String step;

  @Option(names = "--step-output", paramLabel = "JSON",
      description = "The step's output, a JSON value (default: null). (--output is the global output format.)")
  String output;

  @Override
  Execution act(OrchestratorConnection connection) {
    SkipStepRequest.Builder request = SkipStepRequest.newBuilder().setExecutionId(id).setStepId(step)
        .setActor(actor.proto());
    if (output != null) {
      request.setOutputJson(output);
    }
    return connection.api().skipStep(request.build());
  }
}
