package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
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
  private static final ObjectMapper PAYLOAD = new ObjectMapper();

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
      case "STEP_STARTED" -> step + " started";
      case "STEP_SUCCEEDED" -> step + " succeeded";
      case "STEP_SKIPPED", "ITEM_SKIPPED" -> step + " skipped" + reason(event);
      case "RECOVERY_APPLIED" -> step + " " + recovery(event);
      case "STEP_FAILED" -> step + " failed" + (field(event, "branchOnly").equals("true")
          ? " (only its branch: the other steps go on)" : "");
      case "STEP_CANCELLED" -> step + " cancelled";
      case "TASK_DISPATCHED" -> event.getAttempt() > 1 ? step + " retrying (attempt " + event.getAttempt() + ")" : null;
      case "TASK_REDELIVERED" -> step + " attempt " + event.getAttempt() + " queued again (its executor stopped answering)";
      case "STEP_RESET" -> step + " will run again" + reason(event);
      case "INTERVENTION" -> intervention(event);
      case "EXECUTION_STATUS_CHANGED" -> "execution " + field(event, "status").toLowerCase().replace('_', ' ');
      default -> null;
    });
  }

  /** ": when size(...) > 0 was false" from a skip's payload; "" when it has none. */
  private static String reason(ExecutionEvent event) {
    String reason = field(event, "reason");
    return reason.isEmpty() ? "" : ": " + reason;
  }

  /** "alice: RESUME_STEP enrich: fixed the query", from an INTERVENTION event. */
  private static String intervention(ExecutionEvent event) {
    return field(event, "actor") + ": " + field(event, "action")
        + (event.getStepId().isEmpty() ? "" : " " + event.getStepId()) + reason(event);
  }

  /** A text field of the event's payload; "" when absent or unreadable (the line is still worth printing). */
  private static String field(ExecutionEvent event, String name) {
    try {
      return PAYLOAD.readTree(event.getPayloadJson()).path(name).asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  /** "falls back to lead-enrichment (provider backup), attempt 5: rule steps.enrich.onError[0]", from the payload. */
  private static String recovery(ExecutionEvent event) {
    JsonNode payload;
    try {
      payload = PAYLOAD.readTree(event.getPayloadJson());
    } catch (JsonProcessingException e) {
      return "recovery rule applied";
    }
    String provider = payload.path("provider").asText("");
    String what = switch (payload.path("action").asText("")) {
      case "RETRY" -> "retried by a recovery rule, attempt " + payload.path("nextAttempt").asInt();
      case "FALLBACK" -> "falls back to " + payload.path("handler").asText("")
          + (provider.isEmpty() ? "" : " (provider " + provider + ")") + ", attempt " + payload.path("nextAttempt").asInt();
      case "SKIP" -> "skipped by a recovery rule";
      case "FAIL" -> payload.path("branchOnly").asBoolean(false)
          ? "branch failed by a recovery rule" : "failed by a recovery rule";
      case "INTERVENE" -> "waits for a person: " + payload.path("reason").asText("")
          + (payload.path("notify").asText("").isEmpty() ? "" : " (notify " + payload.path("notify").asText() + ")");
      default -> "recovery rule applied";
    };
    return what + ": rule " + payload.path("rule").asText("?");
  }

  private void line(ExecutionProgress progress, String text) {
    shownPercent = ProgressText.wholePercent(progress.getPercent());
    out.println("[" + ProgressText.percent(progress.getPercent()) + "] " + text);
    out.flush();
  }
}
