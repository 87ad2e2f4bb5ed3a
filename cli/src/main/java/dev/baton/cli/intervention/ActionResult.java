package dev.baton.cli.intervention;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.execution.ExecutionView;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.StepState;
import java.io.PrintWriter;

/** What the intervention commands print: the execution's id and status after the action, and what still waits. */
final class ActionResult {
  private ActionResult() {}

  static int print(BatonCommand root, Execution execution, PrintWriter out) {
    if (root.json()) {
      BatonCommand.printJson(execution, out);
      return 0;
    }
    new Table("ID", "STATUS").row(execution.getId(), StatusLabel.of(execution.getStatus())).print(out);
    for (StepState step : execution.getStepsList()) {
      if (step.getRecovery().hasIntervention()) {
        out.println(ExecutionView.waiting(step));
      }
    }
    out.flush();
    return 0;
  }
}
