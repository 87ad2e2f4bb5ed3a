package dev.baton.progress.hub;

import dev.baton.progress.model.ExecutionFold;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a resuming watcher, or a live one that fell behind, stands in the events it missed: a fold
 * (replayed, or copied from the tracker's) at the last update it was given. The watcher takes the
 * backlog in pages, one page each time its buffer has drained (see {@link ExecutionTracker#pull}),
 * so a long backlog or a burst never sits whole in its bounded buffer and a watcher that reads
 * steadily is never ended for being behind. When the replay has
 * reached the tracker's sequence, the tracker hands the watcher over to live updates, which start
 * at the next sequence; both happen on the hub's context, so nothing is lost or repeated.
 *
 * <p>Pure: no I/O, no threads; the caller passes the log and the facts from outside the log.
 */
final class CatchUp {
  private final ExecutionFold replay;

  /** {@code replay}: the fold at the sequence the watcher resumes after. */
  CatchUp(ExecutionFold replay) {
    this.replay = Objects.requireNonNull(replay, "replay");
  }

  /** The sequence of the last update given to the watcher. */
  long sequence() {
    return replay.sequence();
  }

  /** The progress at {@link #sequence()} (the watcher's snapshot before the first page). */
  ExecutionProgress progress() {
    return replay.progress();
  }

  /** The percent at {@link #sequence()}. */
  double percent() {
    return replay.percent();
  }

  /** True when nothing up to {@code sequence} is left to replay. */
  boolean reached(long sequence) {
    return replay.sequence() >= sequence;
  }

  /**
   * The next at most {@code max} updates: the events after {@link #sequence()}, each with the
   * progress after it.
   *
   * @param log the execution's events from sequence 1, in order (event {@code n} at index {@code n - 1})
   * @param withEta adds the ETA to a progress
   */
  List<ExecutionUpdate> next(List<ExecutionEvent> log, int max, UnaryOperator<ExecutionProgress> withEta) {
    if (max < 1) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
    }
    int from = (int) replay.sequence();
    int to = (int) Math.min(log.size(), (long) from + max);
    List<ExecutionUpdate> page = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      ExecutionEvent event = log.get(i);
      replay.apply(event);
      page.add(ExecutionUpdate.newBuilder().setEvent(event).setProgress(withEta.apply(replay.progress())).build());
    }
    return page;
  }
}
