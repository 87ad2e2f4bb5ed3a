package dev.baton.cli.intervention;

import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.failure.CliException;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.StepState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton resume ID}: runs a step that waits for a person again, optionally with a corrected input or config. */
@Command(name = "resume", description = {
    "Run a step that waits for a person again (a new attempt; its retry policy and rules start over),",
    "optionally with a corrected input and/or handler config that its later attempts keep.",
    "To continue a paused execution use unpause."})
public final class ResumeCommand extends InterventionAction {
  @Option(names = "--step", paramLabel = "STEP", description = "The waiting step (default: the only one that waits).")
  String step;

  @Option(names = "--input", paramLabel = "JSON", description = "Corrected input of the step, a JSON value.")
  String input;

  @Option(names = "--config", paramLabel = "JSON", description = "Corrected handler config, a JSON object.")
  String config;

  @Override
  Execution act(OrchestratorConnection connection) {
    ResumeStepRequest.Builder request = ResumeStepRequest.newBuilder().setExecutionId(id)
        .setStepId(step != null ? step : onlyWaitingStep(connection))
        .setActor(actor.proto());
    if (input != null) {
      request.setInputJson(input);
    }
    if (config != null) {
      request.setConfigJson(config);
    }
    return connection.api().resumeStep(request.build());
  }

  private String onlyWaitingStep(OrchestratorConnection connection) {
    Execution execution = connection.api().getExecution(GetExecutionRequest.newBuilder().setExecutionId(id).build());
    List<String> waiting = execution.getStepsList().stream()
        .filter(s -> s.getStatus() == dev.baton.proto.v1.StepStatus.STEP_STATUS_WAITING_FOR_INTERVENTION)
        .map(StepState::getStepId).toList();
    if (waiting.size() != 1) {
      throw new CliException("execution " + id + " has " + waiting.size() + " steps waiting for a person"
          + (waiting.isEmpty() ? "" : " (" + String.join(", ", waiting) + "); name one with --step"));
    }
    return waiting.get(0);
  }
}
