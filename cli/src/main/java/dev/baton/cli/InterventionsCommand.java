package dev.baton.cli;

import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.ListInterventionsResponse;
import dev.baton.proto.v1.WaitingStep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton interventions}: the steps that wait for a person, oldest first. */
@Command(name = "interventions", description = {
    "List the steps that wait for a person (an 'intervene' recovery rule applied), oldest first.",
    "Act on one with resume, retry, skip or fail."})
final class InterventionsCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Option(names = "--workflow", paramLabel = "NAME", description = "Only steps of executions of this workflow.")
  String workflow;

  @Option(names = "--limit", paramLabel = "N", description = "At most N steps (1-1000; default: the server's, 100).")
  int limit;

  @Override
  public Integer call() {
    ListInterventionsRequest.Builder request = ListInterventionsRequest.newBuilder().setPageSize(limit);
    if (workflow != null) {
      request.setWorkflowName(workflow);
    }
    ListInterventionsResponse response;
    try (OrchestratorConnection connection = root.connect()) {
      response = connection.api().listInterventions(request.build());
    }
    if (root.json()) {
      BatonCommand.printJson(response, spec.commandLine().getOut());
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("EXECUTION", "WORKFLOW", "STEP", "STATUS", "SINCE", "NOTIFY", "REASON");
    for (WaitingStep w : response.getWaitingList()) {
      table.row(w.getExecutionId(), w.getWorkflowName() + " v" + w.getWorkflowVersion(), w.getStepId(),
          StatusLabel.of(w.getExecutionStatus()), time.timestamp(w.getIntervention().getSince()),
          w.getIntervention().getNotify().isEmpty() ? "-" : w.getIntervention().getNotify(),
          w.getIntervention().getReason());
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
