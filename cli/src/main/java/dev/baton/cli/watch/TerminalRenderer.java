package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.render.StatusLabel;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Progress on a terminal: one status line redrawn in place (carriage return, erase line) with a
 * bar, percent, status, the running steps and the ETA counting down; errors are printed above it
 * the moment they happen. Thread-safe: a ticker calls {@link #redraw()} between updates.
 *
 * <pre>
 * enrich attempt 1 failed: PROVIDER_DOWN: provider acme is down; next: retry (attempt 2) at ...
 * [##########..........]  50% RUNNING  enrich 5/10  ETA 12s
 * </pre>
 */
final class TerminalRenderer implements ProgressRenderer {
  static final String REDRAW = "\r\u001b[2K";
  static final int BAR_WIDTH = 20;

  private final PrintWriter out;
  private final Clock clock;
  private final int columns;
  private ExecutionProgress progress;
  private ErrorInfo shownError = ErrorInfo.getDefaultInstance();
  private boolean done;

  /** @param columns the terminal's width: the status line is cut to fit, since a wrapped line cannot be redrawn */
  TerminalRenderer(PrintWriter out, Clock clock, int columns) {
    this.out = requireNonNull(out, "out");
    this.clock = requireNonNull(clock, "clock");
    if (columns < 2) {
      throw new IllegalArgumentException("columns: " + columns + " (expected: >= 2)");
    }
    this.columns = columns;
  }

  @Override
  public synchronized void update(ExecutionUpdate update) {
    progress = update.getProgress();
    if (ProgressText.isNewError(shownError, progress)) {
      shownError = progress.getLastError();
      out.print(REDRAW + ProgressText.error(shownError) + "\n");
    }
    draw();
  }

  /** Draws the status line again with the ETA counted down to now; does nothing before the first or after the last update. */
  synchronized void redraw() {
    if (progress != null && !done) {
      draw();
    }
  }

  @Override
  public synchronized void finished(ExecutionProgress outcome) {
    progress = outcome;
    draw();
    out.print("\n" + ProgressText.outcome(outcome) + "\n");
    out.flush();
    done = true;
  }

  @Override
  public synchronized void abandoned() {
    if (progress != null && !done) {
      out.print("\n"); // keep the last bar; the error goes on the next line
      out.flush();
    }
    done = true;
  }

  private void draw() {
    out.print(REDRAW + fit(statusLine()));
    out.flush();
  }

  private String statusLine() {
    double percent = progress.getPercent();
    int filled = ProgressText.wholePercent(percent) * BAR_WIDTH / 100;
    StringBuilder line = new StringBuilder()
        .append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
        .append(ProgressText.percent(percent)).append(' ').append(StatusLabel.of(progress.getStatus()));
    String running = ProgressText.runningSteps(progress);
    if (!running.isEmpty()) {
      line.append("  ").append(running);
    }
    if (!StatusLabel.isTerminal(progress.getStatus())) {
      line.append("  ").append(ProgressText.eta(progress.getEta(), clock.instant()));
    }
    return line.toString();
  }

  /** Leaves the last column free: a line that fills the width makes some terminals wrap before the next redraw. */
  private String fit(String line) {
    return line.length() < columns ? line : line.substring(0, columns - 2) + "~";
  }
}
