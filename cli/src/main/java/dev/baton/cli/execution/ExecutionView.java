package dev.baton.cli.execution;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.ProtoText;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepState;
import java.io.PrintWriter;

/** An execution in detail (what {@code get} and {@code run --wait} print): summary, output, then one row per step. */
public final class ExecutionView {
  private final HumanTime time;

  public ExecutionView(HumanTime time) {
    this.time = requireNonNull(time, "time");
  }

  public void print(Execution execution, PrintWriter out) {
    Table summary = new Table()
        .row("execution", execution.getId())
        .row("workflow", execution.getWorkflowName() + " v" + execution.getWorkflowVersion())
        .row("status", StatusLabel.of(execution.getStatus()))
        .row("started", time.timestamp(execution.getCreateTime()))
        .row("duration", time.elapsed(execution.getCreateTime(), execution.getEndTime()));
    if (!execution.getParentExecutionId().isEmpty()) {
      summary.row("parent", execution.getParentExecutionId() + " (step " + execution.getParentStepId() + ")");
    }
    if (execution.hasError()) {
      summary.row("error", describe(execution.getError()));
    }
    for (StepState step : execution.getStepsList()) {
      if (step.getRecovery().hasIntervention()) {
        summary.row("waiting", waiting(step));
      }
    }
    summary.print(out);
    if (!execution.getOutputJson().isEmpty()) {
      out.println("output:");
      out.println(ProtoText.prettyJson(execution.getOutputJson()));
    }
    if (execution.getStepsCount() > 0) {
      out.println();
      Table steps = new Table("STEP", "STATUS", "ATTEMPT", "ITEMS", "DURATION", "ERROR");
      for (StepState step : execution.getStepsList()) {
        steps.row(step.getStepId(),
            StatusLabel.of(step.getStatus()),
            step.getAttempt() == 0 ? "-" : step.getAttempt(),
            step.getItemsTotal() == 0 ? "-" : step.getItemsDone() + "/" + step.getItemsTotal(),
            time.elapsed(step.getStartTime(), step.getEndTime()),
            step.hasError() ? step.getError().getCode() + ": " + step.getError().getMessage() : "");
      }
      steps.print(out);
    }
    out.flush();
  }

  /** "enrich waits for a person: check the lead (notify ops; rule steps.enrich.onError[2]; BAD_LEAD: x)". */
  public static String waiting(StepState step) {
    var w = step.getRecovery().getIntervention();
    return step.getStepId() + " waits for a person: " + w.getReason() + " ("
        + (w.getNotify().isEmpty() ? "" : "notify " + w.getNotify() + "; ") + "rule " + w.getRule()
        + (w.getError().getCode().isEmpty() ? "" : "; " + w.getError().getCode() + ": " + w.getError().getMessage()) + ")";
  }

  /** "enrich (attempt 4): PROVIDER_DOWN: provider x is down", or just code and message for errors without a step. */
  static String describe(StepError error) {
    String where = error.getStepId().isEmpty() ? ""
        : error.getStepId() + (error.getAttempt() > 0 ? " (attempt " + error.getAttempt() + ")" : "") + ": ";
    String what = error.getCode().isEmpty() ? error.getMessage()
        : error.getMessage().isEmpty() ? error.getCode() : error.getCode() + ": " + error.getMessage();
    return where + what;
  }
}
