package dev.baton.cli.watch;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.Eta;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.StepProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words both progress renderers use for an execution's progress: percent, running steps, ETA, errors, outcome. */
final class ProgressText {
  static final String NO_ESTIMATE = "no estimate yet";

  private ProgressText() {}

  /**
   * Whole percent, rounded down so that a run shows 100% only once it is complete, padded to
   * three digits so that lines and the bar do not jump.
   */
  static String percent(double percent) {
    return String.format(Locale.ROOT, "%3d%%", wholePercent(percent));
  }

  static int wholePercent(double percent) {
    return (int) Math.floor(Math.max(0, Math.min(100, percent)));
  }

  /** "execution ex-1 (lead-pipeline v3)". */
  static String execution(ExecutionProgress progress) {
    return "execution " + progress.getExecutionId() + " (" + progress.getWorkflowName() + " v"
        + progress.getWorkflowVersion() + ")";
  }

  /** "enrich 3/10, email attempt 2"; "" when nothing runs. */
  static String runningSteps(ExecutionProgress progress) {
    List<String> running = new ArrayList<>();
    for (String stepId : progress.getRunningStepsList()) {
      StringBuilder text = new StringBuilder(stepId);
      progress.getStepsList().stream().filter(s -> s.getStepId().equals(stepId)).findFirst()
          .ifPresent(step -> text.append(detail(step)));
      running.add(text.toString());
    }
    return String.join(", ", running);
  }

  /** " 3/10" for forEach steps, " attempt 2" for a retried step. */
  private static String detail(StepProgress step) {
    String items = step.getItemsTotal() > 0 ? " " + step.getItemsDone() + "/" + step.getItemsTotal() : "";
    String attempt = step.getAttempt() > 1 ? " attempt " + step.getAttempt() : "";
    return items + attempt;
  }

  /** "ETA 12s" from the server's remaining time as of the update; "no estimate yet" without history. */
  static String eta(Eta eta) {
    return eta.getAvailable() ? "ETA " + remaining(toJava(eta.getRemaining())) : NO_ESTIMATE;
  }

  /** The ETA counted down to {@code now}: the estimated end time minus now, when the server gave one. */
  static String eta(Eta eta, Instant now) {
    if (!eta.getAvailable() || !isSet(eta.getEstimatedEndTime())) {
      return eta(eta);
    }
    Timestamp end = eta.getEstimatedEndTime();
    return "ETA " + remaining(java.time.Duration.between(now, Instant.ofEpochSecond(end.getSeconds(), end.getNanos())));
  }

  /**
   * Whole seconds rounded up ("12s"; a fraction of a second left is "1s"), longer spans like durations
   * elsewhere; "overdue" once the estimated end has passed and the run goes on.
   */
  private static String remaining(java.time.Duration left) {
    if (left.isNegative() || left.isZero()) {
      return "overdue";
    }
    long seconds = (left.toMillis() + 999) / 1000;
    return seconds < 60 ? seconds + "s" : HumanTime.duration(java.time.Duration.ofSeconds(seconds));
  }

  /** "enrich attempt 2 failed: PROVIDER_DOWN: provider acme is down; next: retry (attempt 3) at ...". */
  static String error(ErrorInfo error) {
    StringBuilder text = new StringBuilder();
    if (!error.getStepId().isEmpty()) {
      text.append(error.getStepId());
      if (error.getAttempt() > 0) {
        text.append(" attempt ").append(error.getAttempt());
      }
      text.append(" failed: ");
    } else {
      text.append("error: ");
    }
    text.append(error.getCode().isEmpty() ? error.getMessage()
        : error.getMessage().isEmpty() ? error.getCode() : error.getCode() + ": " + error.getMessage());
    if (!error.getNextAction().isEmpty()) {
      text.append("; next: ").append(error.getNextAction());
    }
    return text.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Whether the progress carries an error other than {@code shown}. The same failure keeps its
   * identity when only what follows it is updated (progress-svc refines "no retry left: step fails"
   * to "step failed: execution fails" once the step has failed): shown once is enough.
   */
  static boolean isNewError(ErrorInfo shown, ExecutionProgress progress) {
    return progress.hasLastError() && !withoutNextAction(progress.getLastError()).equals(withoutNextAction(shown));
  }

  private static ErrorInfo withoutNextAction(ErrorInfo error) {
    return error.toBuilder().clearNextAction().clearRetryTime().build();
  }

  /** "execution ex-1 (lead-pipeline v3) SUCCEEDED in 1.2s". */
  static String outcome(ExecutionProgress progress) {
    String took = isSet(progress.getCreateTime()) && isSet(progress.getEndTime())
        ? " in " + HumanTime.duration(java.time.Duration.between(toInstant(progress.getCreateTime()),
            toInstant(progress.getEndTime())))
        : "";
    return execution(progress) + " " + StatusLabel.of(progress.getStatus()) + took;
  }

  static boolean isSet(Timestamp ts) {
    return ts.getSeconds() != 0 || ts.getNanos() != 0;
  }

  private static Instant toInstant(Timestamp ts) {
    return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
  }

  private static java.time.Duration toJava(Duration d) {
    return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }
}
