package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.FailStepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton fail ID --step S}: fails a step that waits for a person, and the execution with it. */
@Command(name = "fail", description = "Fail a step that waits for a person, and with it the execution.")
public final class FailCommand extends InterventionAction {
  @Option(names = "--step", paramLabel = "STEP", required = true, description = "The waiting step.")
  String step;

  @Override
  Execution act(OrchestratorConnection connection) {
    return connection.api().failStep(
        FailStepRequest.newBuilder().setExecutionId(id).setStepId(step).setActor(actor.proto()).build());
  }
}
