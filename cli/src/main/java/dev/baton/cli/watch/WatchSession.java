package dev.baton.cli.watch;

import static java.util.Objects.requireNonNull;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.connect.ProgressConnection;
import dev.baton.proto.v1.ExecutionProgress;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@code watch} and {@code run --watch} share: pick the renderer for the output, follow the
 * execution on progress-svc to its end, and turn its outcome into the exit code.
 */
public final class WatchSession {
  /** How often the terminal bar is redrawn between updates, so that its ETA counts down. */
  static final long REDRAW_INTERVAL_MS = 1_000;
  /** Terminal width when the shell does not export COLUMNS (most do not): the classic 80 columns. */
  static final int DEFAULT_COLUMNS = 80;

  private final BatonCommand root;
  private final PrintWriter out;
  private final ReconnectPolicy reconnect;

  public WatchSession(BatonCommand root, PrintWriter out, ReconnectPolicy reconnect) {
    this.root = requireNonNull(root, "root");
    this.out = requireNonNull(out, "out");
    this.reconnect = requireNonNull(reconnect, "reconnect");
  }

  /**
   * Renders the execution's progress until it ends.
   *
   * @param resumeAfter sequence of the last event not to show; 0 starts from the current state
   * @return the {@link OutcomeExitCode} of the execution
   */
  public int follow(String progressTarget, String executionId, long resumeAfter) throws InterruptedException {
    ProgressRenderer renderer;
    ScheduledExecutorService ticker = null;
    if (root.json()) {
      renderer = new JsonLinesRenderer(out);
    } else if (root.context().ansiTerminal()) {
      TerminalRenderer terminal = new TerminalRenderer(out, root.context().clock(), columns());
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "baton-watch-redraw");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(terminal::redraw, REDRAW_INTERVAL_MS, REDRAW_INTERVAL_MS, TimeUnit.MILLISECONDS);
      renderer = terminal;
    } else {
      renderer = new LineRenderer(out);
    }
    try (ProgressConnection connection = ProgressConnection.open(progressTarget, root.credentials())) {
      ExecutionProgress outcome = new ResumingWatch(connection, reconnect).follow(executionId, resumeAfter, renderer::update);
      renderer.finished(outcome);
      return OutcomeExitCode.of(outcome.getStatus());
    } catch (RuntimeException | InterruptedException e) {
      renderer.abandoned();
      throw e;
    } finally {
      if (ticker != null) {
        ticker.shutdownNow();
      }
    }
  }

  private static int columns() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return columns >= 20 ? columns : DEFAULT_COLUMNS;
    } catch (NumberFormatException e) {
      return DEFAULT_COLUMNS; // unset or not a number: not worth an error for a progress bar
    }
  }
}
