package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.PauseExecutionRequest;
import picocli.CommandLine.Command;

/** {@code baton pause ID}: running steps finish, nothing new is dispatched until {@code unpause}. */
@Command(name = "pause", description = {
    "Pause an execution: running steps finish and their results are applied, but nothing new is",
    "dispatched (no step starts, retries are held) until unpause."})
public final class PauseCommand extends InterventionAction {
  @Override
  Execution act(OrchestratorConnection connection) {
    return connection.api().pauseExecution(
        PauseExecutionRequest.newBuilder().setExecutionId(id).setActor(actor.proto()).build());
  }
}
