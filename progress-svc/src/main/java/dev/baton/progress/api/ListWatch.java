package dev.baton.progress.api;

import dev.baton.common.status.ExecutionStatuses;
import dev.baton.progress.hub.ProgressHub;
import dev.baton.progress.hub.ProgressListener;
import dev.baton.progress.store.ExecutionList;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.proto.internal.v1.PublishedEvent;
import dev.baton.proto.v1.ErrorInfo;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionListUpdate;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionStatus;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WatchExecutions stream. Sends the newest matching executions, then, at most once per
 * {@code coalesceInterval} and only while the client reads, what changed since: running
 * executions are followed through their trackers (percent from the fold), new ones are noticed
 * by their EXECUTION_STARTED event on the fan-out, and an execution whose status leaves the
 * filter is sent in {@code removed_execution_ids}. Memory is bounded by the running executions
 * followed: finished ones are let go once reported.
 *
 * <p>Lives on the Vert.x context of its call (see {@link WatchStream} for why); what comes from
 * the hub hops onto it.
 */
final class ListWatch {
  private static final Logger log = LoggerFactory.getLogger(ListWatch.class);

  private final Vertx vertx;
  private final ProgressHub hub;
  private final ExecutionList list;
  private final ExecutionLog executionLog;
  private final String tenantId;
  private final ListFilter filter;
  private final ServerCallStreamObserver<ExecutionListUpdate> call;
  private final Duration coalesceInterval;
  private final Map<String, ProgressListener> followed = new HashMap<>();
  private final Map<String, ExecutionProgress> changed = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private final Context callContext;
  private final Consumer<PublishedEvent> tap;
  private boolean snapshotSent;
  private boolean closed;
  private long timer = -1;

  ListWatch(Vertx vertx, ProgressHub hub, ExecutionList list, ExecutionLog executionLog, String tenantId,
      ListFilter filter, ServerCallStreamObserver<ExecutionListUpdate> call, Duration coalesceInterval) {
    this.vertx = vertx;
    this.hub = hub;
    this.list = list;
    this.executionLog = executionLog;
    this.tenantId = tenantId;
    this.filter = filter;
    this.call = call;
    this.coalesceInterval = coalesceInterval;
    Context current = Vertx.currentContext();
    this.callContext = current != null ? current : hub.context();
    this.tap = published -> callContext.runOnContext(v -> onPublished(published));
    call.setOnCancelHandler(() -> callContext.runOnContext(v -> close()));
    call.setOnReadyHandler(() -> callContext.runOnContext(v -> flush()));
  }

  Context context() {
    return callContext;
  }

  /** Completes {@code future}'s continuations on this watch's context. */
  private <T> Future<T> here(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(ar -> callContext.runOnContext(v -> promise.handle(ar)));
    return promise.future();
  }

  void start() {
    // tap first: an execution that starts while the list is read shows up as a change
    hub.tap(tap);
    here(list.newest(tenantId, filter.workflowName(), filter.statuses(), filter.limit()))
        .compose(listed -> {
          List<Future<ExecutionProgress>> entries = new ArrayList<>();
          for (ExecutionList.Listed entry : listed) {
            String id = entry.header().executionId();
            if (!ExecutionStatuses.isTerminal(entry.status())) {
              entries.add(follow(id, entry.header()));
            } else {
              entries.add(Future.succeededFuture(finished(entry)));
            }
          }
          return Future.all(entries).map(all -> {
            List<ExecutionProgress> progress = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
              progress.add(all.resultAt(i));
            }
            return progress;
          });
        })
        .onSuccess(progress -> {
          if (closed) {
            return;
          }
          ExecutionListUpdate.Builder snapshot = ExecutionListUpdate.newBuilder().setSnapshot(true);
          progress.forEach(p -> {
            snapshot.addExecutions(withoutSteps(p));
            changed.remove(p.getExecutionId());
          });
          snapshotSent = true;
          call.onNext(snapshot.build());
          timer = vertx.setPeriodic(coalesceInterval.toMillis(), t -> flush());
        })
        .onFailure(e -> {
          if (!closed) {
            call.onError(Statuses.of(e).asRuntimeException());
            close();
          }
        });
  }

  private Future<ExecutionProgress> follow(String id, dev.baton.progress.model.ExecutionHeader header) {
    ProgressListener listener = update -> callContext.runOnContext(v -> onProgress(update.getProgress()));
    followed.put(id, listener);
    return here(hub.follow(header, listener));
  }

  private void onPublished(PublishedEvent published) {
    String id = published.getEvent().getExecutionId();
    if (closed || !published.getTenantId().equals(tenantId)
        || published.getEvent().getType() != ExecutionEvent.Type.EXECUTION_STARTED || followed.containsKey(id)
        || !filter.matchesStatus(ExecutionStatus.EXECUTION_STATUS_RUNNING)) {
      return;
    }
    if (!filter.matchesWorkflow(published.getEvent().getExecutionStarted().getWorkflow())) {
      return;
    }
    followed.put(id, null);
    here(executionLog.find(UUID.fromString(id), tenantId))
        .compose(found -> found.isEmpty() ? Future.succeededFuture() : follow(id, found.get().header()))
        .onSuccess(progress -> {
          if (progress != null) {
            onProgress(progress);
          }
        })
        .onFailure(e -> log.warn("list watch of tenant {} could not add execution {} ({})", tenantId, id, e.toString()));
  }

  private void onProgress(ExecutionProgress progress) {
    if (closed) {
      return;
    }
    String id = progress.getExecutionId();
    if (filter.matchesStatus(progress.getStatus())) {
      changed.put(id, withoutSteps(progress));
    } else {
      changed.remove(id);
      removed.add(id);
    }
    if (ExecutionStatuses.isTerminal(progress.getStatus())) {
      ProgressListener listener = followed.remove(id);
      if (listener != null) {
        hub.release(id, listener);
      }
    }
  }

  private void flush() {
    if (closed || !snapshotSent || (changed.isEmpty() && removed.isEmpty()) || !call.isReady()) {
      return;
    }
    call.onNext(ExecutionListUpdate.newBuilder().addAllExecutions(changed.values())
        .addAllRemovedExecutionIds(removed).build());
    changed.clear();
    removed.clear();
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    hub.untap(tap);
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    followed.forEach((id, listener) -> {
      if (listener != null) {
        hub.release(id, listener);
      }
    });
    followed.clear();
  }

  private static ExecutionProgress finished(ExecutionList.Listed entry) {
    ExecutionProgress.Builder b = ExecutionProgress.newBuilder()
        .setExecutionId(entry.header().executionId())
        .setWorkflowName(entry.header().workflowName())
        .setWorkflowVersion(entry.header().workflowVersion())
        .setStatus(entry.status())
        // every step of an ended execution has ended (the rest are cancelled): the fold gives 100
        .setPercent(100)
        .setCreateTime(entry.header().createTime())
        .setParentExecutionId(entry.header().parentExecutionId());
    if (entry.endTime() != null) {
      b.setEndTime(entry.endTime());
    }
    if (entry.error() != null) {
      b.setLastError(ErrorInfo.newBuilder().setStepId(entry.error().getStepId()).setAttempt(entry.error().getAttempt())
          .setCode(entry.error().getCode()).setMessage(entry.error().getMessage())
          .setNextAction("execution " + (entry.status() == ExecutionStatus.EXECUTION_STATUS_CANCELLED
              ? "cancelled" : "failed")));
    }
    return b.build();
  }

  private static ExecutionProgress withoutSteps(ExecutionProgress progress) {
    return progress.toBuilder().clearSteps().build();
  }
}
