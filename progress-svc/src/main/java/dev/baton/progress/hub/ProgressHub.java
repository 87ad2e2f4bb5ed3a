package dev.baton.progress.hub;

import dev.baton.progress.error.ProgressException;
import dev.baton.progress.eta.StepHistories;
import dev.baton.progress.eta.StepHistory;
import dev.baton.progress.model.ExecutionHeader;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.proto.internal.v1.EventBatch;
import dev.baton.proto.internal.v1.PublishedEvent;
import dev.baton.proto.v1.ExecutionProgress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes execution events to the trackers of watched executions and owns their lifecycle: a
 * tracker exists while something follows it (a watcher, a parent counting its percent, a list)
 * and is dropped when the last one leaves. A sweep every {@code sweepInterval} asks PostgreSQL,
 * in one query, for the last sequence of every tracked unfinished execution, so events the Redis
 * fan-out lost (Redis down or flushed, stream trimmed, the end of a run) still arrive.
 *
 * <p>Thread confinement: all state lives on one Vert.x context; the public methods hop onto it,
 * so callers may use any thread. Nothing on it blocks (database reads are asynchronous).
 */
public final class ProgressHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProgressHub.class);

  private final Vertx vertx;
  private final Context context;
  private final ExecutionLog executionLog;
  private final StepHistories histories;
  private final Clock clock;
  private final Map<String, ExecutionTracker> trackers = new HashMap<>();
  private final Map<String, Future<ExecutionTracker>> loading = new HashMap<>();
  /** Reads of executions under way, shared by the watches that ask meanwhile (a reconnect storm). */
  private final Map<Lookup, Future<Optional<ExecutionLog.Found>>> lookups = new HashMap<>();
  /** Per parent execution: the listener it has on each child it follows. */
  private final Map<String, Map<String, ProgressListener>> childLinks = new HashMap<>();
  private final Set<Consumer<PublishedEvent>> taps = new LinkedHashSet<>();
  private long sweepTimer = -1;

  private record Lookup(String tenantId, UUID executionId) {}

  private boolean sweeping;

  public ProgressHub(Vertx vertx, ExecutionLog executionLog, StepHistories histories, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = vertx.getOrCreateContext();
    this.executionLog = Objects.requireNonNull(executionLog, "executionLog");
    this.histories = Objects.requireNonNull(histories, "histories");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The context all hub state lives on; listeners are called on it. */
  public Context context() {
    return context;
  }

  public void startSweep(Duration interval) {
    context.runOnContext(v -> sweepTimer = vertx.setPeriodic(interval.toMillis(), id -> sweep()));
  }

  /** Hands a batch from the fan-out to the trackers of its executions (any thread). */
  public void publish(EventBatch batch) {
    context.runOnContext(v -> {
      for (PublishedEvent published : batch.getEventsList()) {
        ExecutionTracker tracker = trackers.get(published.getEvent().getExecutionId());
        if (tracker != null) {
          tracker.offer(published.getEvent(), batch.getPublishTime());
        }
        for (Consumer<PublishedEvent> tap : List.copyOf(taps)) {
          tap.accept(published);
        }
      }
    });
  }

  /**
   * Starts {@code watcher} on the tenant's execution at {@code resumeAfter} (see
   * {@link ExecutionTracker#watch}). Fails with {@link ProgressException} for an unknown execution
   * or a sequence beyond its log.
   */
  public Future<Void> watch(String tenantId, UUID executionId, long resumeAfter, Watcher watcher) {
    return onContext(() -> {
      ExecutionTracker known = trackers.get(executionId.toString());
      Future<ExecutionTracker> tracker;
      if (known != null && known.header().tenantId().equals(tenantId)) {
        // once loaded, the tracker holds what the watch needs: many watches of one execution cost no query
        tracker = loading.get(executionId.toString()).compose(loaded -> resumeAfter <= loaded.sequence()
            ? Future.succeededFuture(loaded)
            : checked(tenantId, executionId, resumeAfter).compose(found -> tracker(found.header())));
      } else {
        tracker = checked(tenantId, executionId, resumeAfter).compose(found -> tracker(found.header()));
      }
      return tracker.map(t -> {
        t.watch(watcher, resumeAfter);
        return (Void) null;
      });
    });
  }

  /**
   * Follows updates of an execution from now on, without snapshot; returns its current progress.
   * {@code header} must come from the log (the caller checked the tenant).
   */
  public Future<ExecutionProgress> follow(ExecutionHeader header, ProgressListener listener) {
    return onContext(() -> tracker(header).map(tracker -> {
      tracker.follow(listener);
      return tracker.current();
    }));
  }

  /**
   * Asks for the next at most {@code max} events a catching-up watcher missed (any thread); they
   * come through its {@code onUpdate}, then {@link Watcher#onPageEnd} says whether more are left.
   */
  public void pull(String executionId, Watcher watcher, int max) {
    context.runOnContext(v -> {
      ExecutionTracker tracker = trackers.get(executionId);
      if (tracker != null) {
        tracker.pull(watcher, max);
      }
    });
  }

  /** Stops {@code listener} (any thread); drops the tracker when nothing follows it any more. */
  public void release(String executionId, ProgressListener listener) {
    context.runOnContext(v -> releaseHere(executionId, listener));
  }

  /** Receives every event of the fan-out (list watches pick their tenant's), on the hub's context. */
  public void tap(Consumer<PublishedEvent> tap) {
    context.runOnContext(v -> taps.add(tap));
  }

  public void untap(Consumer<PublishedEvent> tap) {
    context.runOnContext(v -> taps.remove(tap));
  }

  /** Number of executions tracked now (for tests and metrics). */
  public Future<Integer> trackedCount() {
    return onContext(() -> Future.succeededFuture(trackers.size()));
  }

  /**
   * The execution as the log has it, for a watch: fails for an unknown one (or another tenant's)
   * and for a {@code resumeAfter} beyond its last event.
   */
  private Future<ExecutionLog.Found> checked(String tenantId, UUID executionId, long resumeAfter) {
    return lookUp(tenantId, executionId)
        .compose(found -> found.isPresent() && resumeAfter > found.get().lastSequence()
            // a shared lookup may have been read before the client saw its last event
            ? executionLog.find(executionId, tenantId)
            : Future.succeededFuture(found))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(new ProgressException.UnknownExecution(
                "execution_id: no execution " + executionId + " for tenant " + tenantId));
          }
          if (resumeAfter > found.get().lastSequence()) {
            return Future.failedFuture(new ProgressException.InvalidRequest("resume_after: " + resumeAfter
                + " (expected: 0.." + found.get().lastSequence() + ", the sequence of the execution's last event)"));
          }
          return Future.succeededFuture(found.get());
        });
  }

  /** Reads an execution from the log; callers that ask while a read of it is under way share that read. */
  private Future<Optional<ExecutionLog.Found>> lookUp(String tenantId, UUID executionId) {
    Lookup key = new Lookup(tenantId, executionId);
    Future<Optional<ExecutionLog.Found>> pending = lookups.get(key);
    if (pending == null) {
      Future<Optional<ExecutionLog.Found>> read = executionLog.find(executionId, tenantId);
      lookups.put(key, read);
      read.onComplete(ar -> lookups.remove(key, read));
      pending = read;
    }
    return pending;
  }

  private Future<ExecutionTracker> tracker(ExecutionHeader header) {
    String id = header.executionId();
    Future<ExecutionTracker> existing = loading.get(id);
    if (existing != null) {
      return existing;
    }
    ExecutionTracker tracker = new ExecutionTracker(header, executionLog, clock,
        StepHistory.none(header.workflowVersion()), () -> syncChildren(header.executionId()));
    // in the map before its log is read: events published meanwhile wait in the tracker
    trackers.put(id, tracker);
    Future<ExecutionTracker> ready = histories.history(header.tenantId(), header.workflowName(), header.workflowVersion())
        .otherwise(e -> {
          log.warn("no step history for {} v{} ({}); ETA unavailable until the next sweep", header.workflowName(),
              header.workflowVersion(), e.toString());
          return StepHistory.none(header.workflowVersion());
        })
        .compose(history -> {
          tracker.history(history);
          return tracker.load();
        })
        .map(v -> {
          syncChildren(id);
          return tracker;
        })
        .onFailure(e -> {
          trackers.remove(id, tracker);
          loading.remove(id);
        });
    loading.put(id, ready);
    return ready;
  }

  private void releaseHere(String executionId, ProgressListener listener) {
    ExecutionTracker tracker = trackers.get(executionId);
    if (tracker == null) {
      return;
    }
    tracker.remove(listener);
    if (tracker.isIdle() && loading.get(executionId) != null && loading.get(executionId).isComplete()) {
      trackers.remove(executionId);
      loading.remove(executionId);
      Map<String, ProgressListener> links = childLinks.remove(executionId);
      if (links != null) {
        links.forEach(this::releaseHere);
      }
    }
  }

  /** Follows the children whose percent a running workflow step shows; lets go of the others. */
  private void syncChildren(String parentId) {
    ExecutionTracker parent = trackers.get(parentId);
    if (parent == null) {
      return;
    }
    List<String> wanted = parent.childrenToFollow();
    Map<String, ProgressListener> links = childLinks.computeIfAbsent(parentId, k -> new HashMap<>());
    for (String childId : new ArrayList<>(links.keySet())) {
      if (!wanted.contains(childId)) {
        releaseHere(childId, links.remove(childId));
      }
    }
    for (String childId : wanted) {
      if (links.containsKey(childId)) {
        continue;
      }
      ProgressListener link = update -> parent.childPercent(childId, update.getProgress().getPercent());
      links.put(childId, link);
      lookUp(parent.header().tenantId(), UUID.fromString(childId))
          .compose(found -> found.isEmpty() ? Future.succeededFuture() : tracker(found.get().header()))
          .onSuccess(child -> {
            if (child == null || childLinks.getOrDefault(parentId, Map.of()).get(childId) != link) {
              return;
            }
            child.follow(link);
            parent.childPercent(childId, child.current().getPercent());
          })
          .onFailure(e -> {
            log.warn("could not follow child execution {} of {} ({}); the parent's percent counts it at 0 for now",
                childId, parentId, e.toString());
            links.remove(childId, link);
          });
    }
  }

  private void sweep() {
    if (sweeping) {
      return;
    }
    List<ExecutionTracker> open = trackers.values().stream().filter(t -> !t.isTerminal()).toList();
    if (open.isEmpty()) {
      return;
    }
    sweeping = true;
    for (ExecutionTracker tracker : open) {
      ExecutionHeader h = tracker.header();
      histories.history(h.tenantId(), h.workflowName(), h.workflowVersion()).onSuccess(tracker::history);
    }
    executionLog.lastSequences(open.stream().map(t -> UUID.fromString(t.header().executionId())).toList())
        .onComplete(ar -> {
          sweeping = false;
          if (ar.failed()) {
            log.warn("backfill sweep could not read the event log ({}); retrying in the next sweep", ar.cause().toString());
            return;
          }
          ar.result().forEach((id, last) -> {
            ExecutionTracker tracker = trackers.get(id);
            if (tracker != null) {
              tracker.behind(last);
            }
          });
        });
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  @Override
  public void close() {
    context.runOnContext(v -> {
      if (sweepTimer >= 0) {
        vertx.cancelTimer(sweepTimer);
      }
    });
  }
}
