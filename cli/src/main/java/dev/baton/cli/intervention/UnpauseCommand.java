package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ResumeExecutionRequest;
import picocli.CommandLine.Command;

/** {@code baton unpause ID}: a paused execution goes on (ResumeExecution). */
@Command(name = "unpause", description = {
    "Continue a paused execution: held retries are queued and ready steps start. It is RUNNING again,",
    "or WAITING_FOR_INTERVENTION if a step still waits for a person."})
public final class UnpauseCommand extends InterventionAction {
  @Override
  Execution act(OrchestratorConnection connection) {
    return connection.api().resumeExecution(
        ResumeExecutionRequest.newBuilder().setExecutionId(id).setActor(actor.proto()).build());
  }
}
