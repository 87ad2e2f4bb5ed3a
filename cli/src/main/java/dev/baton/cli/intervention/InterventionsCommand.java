package dev.baton.cli.intervention;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.ListInterventionsRequest;
import dev.baton.proto.v1.ListInterventionsResponse;
import dev.baton.proto.v1.WaitingStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton interventions}: the steps that wait for a person, oldest first. */
@Command(name = "interventions", description = {
    "List the steps that wait for a person (an 'intervene' recovery rule applied), oldest first.",
    "Act on one with resume, retry, skip or fail."})
public final class InterventionsCommand extends ListingCommand<ListInterventionsResponse> {
  @Option(names = "--workflow", paramLabel = "NAME", description = "Only steps of executions of this workflow.")
  String workflow;

  @Option(names = "--limit", paramLabel = "N", description = "At most N steps (1-1000; default: the server's, 100).")
  int limit;

  @Override
  protected ListInterventionsResponse fetch() {
    ListInterventionsRequest.Builder request = ListInterventionsRequest.newBuilder().setPageSize(limit);
    if (workflow != null) {
      request.setWorkflowName(workflow);
    }
    try (OrchestratorConnection connection = root().connect()) {
      return connection.api().listInterventions(request.build());
    }
  }

  @Override
  protected Table table(ListInterventionsResponse response, HumanTime time) {
    Table table = new Table("EXECUTION", "WORKFLOW", "STEP", "STATUS", "SINCE", "NOTIFY", "REASON");
    for (WaitingStep w : response.getWaitingList()) {
      table.row(w.getExecutionId(), w.getWorkflowName() + " v" + w.getWorkflowVersion(), w.getStepId(),
          StatusLabel.of(w.getExecutionStatus()), time.timestamp(w.getIntervention().getSince()),
          w.getIntervention().getNotify().isEmpty() ? "-" : w.getIntervention().getNotify(),
          w.getIntervention().getReason());
    }
    return table;
  }
}
