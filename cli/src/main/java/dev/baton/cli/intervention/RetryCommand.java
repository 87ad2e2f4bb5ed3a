package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.RetryStepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton retry ID}: a waiting step runs again, or a FAILED execution runs again from its failed step. */
@Command(name = "retry", description = {
    "Run a step again: one that waits for a person, or the failed step of a FAILED execution.",
    "A FAILED execution runs again from there: steps that succeeded keep their outputs and do not run again."})
public final class RetryCommand extends InterventionAction {
  @Option(names = "--step", paramLabel = "STEP",
      description = "The step (default: the failed step(s) of a FAILED execution, or the only waiting one).")
  String step;

  @Override
  Execution act(OrchestratorConnection connection) {
    RetryStepRequest.Builder request = RetryStepRequest.newBuilder().setExecutionId(id).setActor(actor.proto());
    if (step != null) {
      request.setStepId(step);
    }
    return connection.api().retryStep(request.build());
  }
}
