package dev.baton.progress.hub;

import com.google.protobuf.Timestamp;
import dev.baton.progress.eta.EtaEstimator;
import dev.baton.progress.eta.StepHistory;
import dev.baton.progress.model.ExecutionFold;
import dev.baton.progress.model.ExecutionHeader;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watched execution: its fold, the events applied so far (sequence 1..N, for resuming
 * watchers) and its listeners. Events arrive from the Redis fan-out in any order, duplicated or
 * not at all; the tracker applies each sequence exactly once and in order, reading from
 * PostgreSQL whatever it has not received (a gap, or the sweep finding it behind).
 *
 * <p>Thread confinement: every method runs on the hub's Vert.x context, including the
 * continuations of its database reads, so its state needs no lock. At most one read is in flight
 * ({@code reading}); events that arrive meanwhile wait in {@code pending}.
 */
final class ExecutionTracker {
  private static final Logger log = LoggerFactory.getLogger(ExecutionTracker.class);

  private final ExecutionHeader header;
  private final UUID id;
  private final ExecutionLog executionLog;
  private final Clock clock;
  private final ExecutionFold fold;
  private final List<ExecutionEvent> applied = new ArrayList<>();
  private final TreeMap<Long, Pending> pending = new TreeMap<>();
  /** Followers without snapshot or pace (a parent counting its child's percent, a list watch). */
  private final List<ProgressListener> listeners = new ArrayList<>();
  /** Watchers that are caught up and get each update as it happens. */
  private final List<Watcher> live = new ArrayList<>();
  private final List<Resume> resuming = new ArrayList<>();
  /** Watchers replaying what they missed (or fell behind on); they join {@code live} when caught up. */
  private final Map<Watcher, CatchUp> catchingUp = new LinkedHashMap<>();
  private StepHistory history;
  private ExecutionProgress current;
  private boolean reading;
  private final Runnable onChange;

  private record Pending(ExecutionEvent event, Timestamp publishTime) {}

  private record Resume(Watcher watcher, long after) {}

  ExecutionTracker(ExecutionHeader header, ExecutionLog executionLog, Clock clock, StepHistory history,
      Runnable onChange) {
    this.header = header;
    this.id = UUID.fromString(header.executionId());
    this.executionLog = executionLog;
    this.clock = clock;
    this.fold = new ExecutionFold(header);
    this.history = history;
    this.onChange = onChange;
    this.current = withEta(fold.progress());
  }

  ExecutionHeader header() {
    return header;
  }

  long sequence() {
    return fold.sequence();
  }

  boolean isTerminal() {
    return fold.isTerminal();
  }

  ExecutionProgress current() {
    return current;
  }

  List<String> childrenToFollow() {
    return fold.childrenToFollow();
  }

  boolean isIdle() {
    return listeners.isEmpty() && live.isEmpty() && resuming.isEmpty() && catchingUp.isEmpty();
  }

  void history(StepHistory latest) {
    history = latest;
  }

  /** Reads the whole log so far; completes when it is applied. */
  Future<Void> load() {
    return read();
  }

  /** An event from the fan-out (publishTime set) or the log. Duplicates and old ones are dropped. */
  void offer(ExecutionEvent event, Timestamp publishTime) {
    if (event.getSequence() > fold.sequence()) {
      pending.putIfAbsent(event.getSequence(), new Pending(event, publishTime));
      drain();
    }
  }

  /** The log has events up to {@code lastSequence}: read the ones this tracker has not applied. */
  void behind(long lastSequence) {
    if (lastSequence > fold.sequence() && !reading) {
      read();
    }
  }

  /**
   * Starts a watcher at {@code resumeAfter} (0 = now) with a snapshot. When events after it have
   * been applied already, the watcher takes them page by page ({@link #pull}) and then joins the
   * live updates; otherwise it joins them at once. Waits for the log when the tracker has not
   * applied that far yet.
   */
  void watch(Watcher watcher, long resumeAfter) {
    if (resumeAfter > fold.sequence()) {
      resuming.add(new Resume(watcher, resumeAfter));
      read();
      return;
    }
    if (resumeAfter == 0 || resumeAfter == fold.sequence()) {
      // many watchers joining at once (a reconnect storm) share the tracker's progress
      watcher.onUpdate(ExecutionUpdate.newBuilder().setSnapshot(true).setProgress(withEta(current)).build());
      live.add(watcher);
      watcher.onPageEnd(false);
      return;
    }
    CatchUp catchUp = new CatchUp(fold.replay(applied, resumeAfter));
    watcher.onUpdate(ExecutionUpdate.newBuilder().setSnapshot(true).setProgress(withEta(catchUp.progress())).build());
    catchingUp.put(watcher, catchUp);
    watcher.onPageEnd(true);
  }

  /**
   * Sends a catching-up watcher its next at most {@code max} missed events. When that reaches the
   * last applied event, the watcher goes live in the same step, so the next event applied is the
   * next one it gets.
   */
  void pull(Watcher watcher, int max) {
    CatchUp catchUp = catchingUp.get(watcher);
    if (catchUp == null) {
      return; // released meanwhile
    }
    for (ExecutionUpdate update : catchUp.next(applied, max, this::withEta)) {
      watcher.onUpdate(update);
    }
    boolean caughtUp = catchUp.reached(fold.sequence());
    if (caughtUp) {
      catchingUp.remove(watcher);
      if (catchUp.percent() != current.getPercent()) {
        // a child execution moved meanwhile: the replay has the child percents of its start
        watcher.onUpdate(ExecutionUpdate.newBuilder().setProgress(current).build());
      }
      live.add(watcher);
    }
    watcher.onPageEnd(!caughtUp);
  }

  /** Adds a listener of the updates from now on (no snapshot). */
  void follow(ProgressListener listener) {
    listeners.add(listener);
  }

  void remove(ProgressListener listener) {
    listeners.remove(listener);
    live.remove(listener);
    resuming.removeIf(r -> r.watcher() == listener);
    catchingUp.remove(listener);
  }

  /** A child execution's percent moved: a progress-only update when this execution's percent follows. */
  void childPercent(String childId, double percent) {
    paceWatchersWithoutRoom();
    if (fold.childPercent(childId, percent)) {
      current = withEta(fold.progress());
      publish(ExecutionUpdate.newBuilder().setProgress(current).build());
    }
  }

  /** Re-estimates the ETA (time passes even when no event comes). */
  ExecutionProgress refreshEta() {
    current = withEta(current);
    return current;
  }

  private void drain() {
    while (!reading && !pending.isEmpty()) {
      Map.Entry<Long, Pending> first = pending.firstEntry();
      long next = fold.sequence() + 1;
      if (first.getKey() < next) {
        pending.pollFirstEntry();
      } else if (first.getKey() > next) {
        read();
      } else {
        pending.pollFirstEntry();
        apply(first.getValue());
      }
    }
    if (!reading) {
      startResumed();
    }
  }

  private void apply(Pending next) {
    paceWatchersWithoutRoom();
    fold.apply(next.event());
    applied.add(next.event());
    current = withEta(fold.progress());
    ExecutionUpdate.Builder update = ExecutionUpdate.newBuilder().setEvent(next.event()).setProgress(current);
    if (next.publishTime() != null) {
      update.setPublishTime(next.publishTime());
    }
    publish(update.build());
    onChange.run();
  }

  private void publish(ExecutionUpdate update) {
    for (ProgressListener listener : List.copyOf(listeners)) {
      listener.onUpdate(update);
    }
    for (Watcher watcher : List.copyOf(live)) {
      watcher.onUpdate(update);
    }
  }

  /**
   * Moves the live watchers whose buffer is full back to the paced catch-up, before the fold
   * moves on: each has been given every update up to the current sequence, so its catch-up starts
   * from a copy of the fold here and goes on with the next event, without gap or repeat. A burst
   * larger than the buffer (many events applied in one turn) thus reaches a reading watcher at its
   * own pace instead of piling up in its buffer.
   */
  private void paceWatchersWithoutRoom() {
    for (Iterator<Watcher> it = live.iterator(); it.hasNext(); ) {
      Watcher watcher = it.next();
      if (!watcher.hasRoom()) {
        it.remove();
        catchingUp.put(watcher, new CatchUp(fold.copy()));
        watcher.onPageEnd(true);
      }
    }
  }

  private void startResumed() {
    for (Iterator<Resume> it = resuming.iterator(); it.hasNext(); ) {
      Resume r = it.next();
      if (r.after() <= fold.sequence()) {
        it.remove();
        watch(r.watcher(), r.after());
      }
    }
  }

  /** Reads the events after the applied ones. */
  private Future<Void> read() {
    if (reading) {
      return Future.succeededFuture();
    }
    reading = true;
    return executionLog.eventsAfter(id, fold.sequence())
        .map(events -> {
          // a copy from the fan-out keeps its publish time
          events.forEach(e -> pending.putIfAbsent(e.getSequence(), new Pending(e, null)));
          return (Void) null;
        })
        .onComplete(ar -> {
          reading = false;
          if (ar.succeeded()) {
            drain();
          } else {
            // no retry loop here: the next sweep (or the next live event) reads again
            log.warn("could not read the event log of execution {} ({}); the next sweep retries", id,
                ar.cause().toString());
          }
        });
  }

  private ExecutionProgress withEta(ExecutionProgress progress) {
    return progress.toBuilder().setEta(EtaEstimator.estimate(progress, history, clock.instant())).build();
  }
}
