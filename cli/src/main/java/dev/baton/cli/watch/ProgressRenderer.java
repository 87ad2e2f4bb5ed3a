package dev.baton.cli.watch;

import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;

/**
 * Shows a watched execution as its updates arrive: a live bar on a terminal
 * ({@link TerminalRenderer}), plain lines for pipes and logs ({@link LineRenderer}), or JSON for
 * scripts ({@link JsonLinesRenderer}).
 */
interface ProgressRenderer {
  /** One update of the stream, in order: the first is a snapshot. */
  void update(ExecutionUpdate update);

  /** The execution has ended in this state (that of the last update). */
  void finished(ExecutionProgress outcome);

  /** The watch stopped before the execution ended; an error message follows on stderr. */
  void abandoned();
}
