package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.RecoveryApplied;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.RecoveryActionKind;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Progress for pipes, files and CI logs: one plain line per meaningful change (a step starts,
 * succeeds, is skipped, fails, retries; an error; the whole percent moves), each prefixed with the
 * percent, no control characters. Updates that change nothing a person cares about print nothing.
 *
 * <pre>
 * [  0%] execution ex-1 (lead-pipeline v3) RUNNING, no estimate yet
 * [  0%] translate started
 * [ 33%] translate succeeded
 * [ 33%] enrich attempt 1 failed: PROVIDER_DOWN: provider acme is down; next: retry (attempt 2) at ...
 * [100%] execution ex-1 (lead-pipeline v3) SUCCEEDED in 1.2s
 * </pre>
 */
final class LineRenderer implements ProgressRenderer {
  private final PrintWriter out;
  private boolean started;
  private int shownPercent = -1;
  private ErrorInfo shownError = ErrorInfo.getDefaultInstance();

  LineRenderer(PrintWriter out) {
    this.out = requireNonNull(out, "out");
  }

  @Override
  public void update(ExecutionUpdate update) {
    ExecutionProgress progress = update.getProgress();
    if (!started) {
      started = true;
      String running = ProgressText.runningSteps(progress);
      line(progress, ProgressText.execution(progress) + " " + StatusLabel.of(progress.getStatus())
          + (running.isEmpty() ? "" : ", running: " + running) + ", " + ProgressText.eta(progress.getEta()));
    } else if (update.hasEvent()) {
      describe(update.getEvent()).ifPresent(text -> line(progress, text));
    }
    if (ProgressText.isNewError(shownError, progress)) {
      shownError = progress.getLastError();
      line(progress, ProgressText.error(shownError));
    }
    // the end's percent comes with the outcome line
    if (ProgressText.wholePercent(progress.getPercent()) != shownPercent && !StatusLabel.isTerminal(progress.getStatus())) {
      String running = ProgressText.runningSteps(progress);
      line(progress, (running.isEmpty() ? "nothing running" : "running: " + running) + ", "
          + ProgressText.eta(progress.getEta()));
    }
  }

  @Override
  public void finished(ExecutionProgress outcome) {
    line(outcome, ProgressText.outcome(outcome));
  }

  @Override
  public void abandoned() {
    // every line printed is complete
  }

  /**
   * The step events people follow. Attempt failures are shown through the progress's last error
   * (which says what happens next); dispatches of first attempts and execution events are not news.
   */
  private static Optional<String> describe(ExecutionEvent event) {
    String step = event.getStepId() + (event.getItemIndex() >= 0 ? " item " + event.getItemIndex() : "");
    return Optional.ofNullable(switch (event.getType()) {
      case STEP_STARTED -> step + " started";
      case STEP_SUCCEEDED -> step + " succeeded";
      case STEP_SKIPPED -> step + " skipped" + reason(event.getStepSkipped().getReason());
      case ITEM_SKIPPED -> step + " skipped" + reason(event.getItemSkipped().getReason());
      case RECOVERY_APPLIED -> step + " " + recovery(event.getRecoveryApplied());
      case STEP_FAILED -> step + " failed" + (event.getStepFailed().getBranchOnly()
          ? " (only its branch: the other steps go on)" : "");
      case STEP_CANCELLED -> step + " cancelled";
      case TASK_DISPATCHED -> event.getAttempt() > 1 ? step + " retrying (attempt " + event.getAttempt() + ")" : null;
      case TASK_REDELIVERED -> step + " attempt " + event.getAttempt() + " queued again (its executor stopped answering)";
      case STEP_RESET -> step + " will run again" + reason(event.getStepReset().getReason());
      case INTERVENTION -> intervention(event);
      case EXECUTION_STATUS_CHANGED ->
          "execution " + event.getExecutionStatusChanged().getStatus().toLowerCase().replace('_', ' ');
      default -> null;
    });
  }

  /** ": when size(...) > 0 was false" from a skip's payload; "" when it has none. */
  private static String reason(String reason) {
    return reason.isEmpty() ? "" : ": " + reason;
  }

  /** "alice: RESUME_STEP enrich: fixed the query", from an INTERVENTION event. */
  private static String intervention(ExecutionEvent event) {
    ExecutionEvent.Intervention what = event.getIntervention();
    return what.getActor() + ": " + (what.hasAction() ? EnumNames.shortName(what.getAction()) : "")
        + (event.getStepId().isEmpty() ? "" : " " + event.getStepId()) + reason(what.getReason());
  }

  /** "falls back to lead-enrichment (provider backup), attempt 5: rule steps.enrich.onError[0]", from the payload. */
  private static String recovery(RecoveryApplied decision) {
    String provider = decision.getProvider();
    String what = switch (EnumNames.parse(RecoveryActionKind.class, decision.getAction(), RecoveryActionKind.UNRECOGNIZED)) {
      case RECOVERY_ACTION_KIND_RETRY -> "retried by a recovery rule, attempt " + decision.getNextAttempt();
      case RECOVERY_ACTION_KIND_FALLBACK -> "falls back to " + decision.getHandler()
          + (provider.isEmpty() ? "" : " (provider " + provider + ")") + ", attempt " + decision.getNextAttempt();
      case RECOVERY_ACTION_KIND_SKIP -> "skipped by a recovery rule";
      case RECOVERY_ACTION_KIND_FAIL -> decision.getBranchOnly()
          ? "branch failed by a recovery rule" : "failed by a recovery rule";
      case RECOVERY_ACTION_KIND_INTERVENE -> "waits for a person: " + decision.getReason()
          + (decision.getNotify().isEmpty() ? "" : " (notify " + decision.getNotify() + ")");
      default -> "recovery rule applied";
    };
    return what + ": rule " + (decision.hasRule() ? decision.getRule() : "?");
  }

  private void line(ExecutionProgress progress, String text) {
    shownPercent = ProgressText.wholePercent(progress.getPercent());
    out.println("[" + ProgressText.percent(progress.getPercent()) + "] " + text);
    out.flush();
  }
}
