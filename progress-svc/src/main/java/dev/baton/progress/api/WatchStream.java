package dev.baton.progress.api;

import dev.baton.common.status.ExecutionStatuses;
import dev.baton.common.time.DurationParser;
import dev.baton.progress.hub.ProgressHub;
import dev.baton.progress.hub.Watcher;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WatchExecution stream with a bounded buffer of {@code buffer} updates. Updates are written
 * only while the transport is ready (grpc-java flow control: the Vert.x bridge reports the HTTP/2
 * stream's write queue through {@code isReady} and calls {@code onReady} when it drains), so a
 * client that does not read stops the writes to it and nothing else.
 *
 * <p>Two phases. Catching up: the events the client missed are asked for a page at a time, each
 * page only as large as the room left in the buffer and only once the buffer has drained to half,
 * so a backlog moves at the client's pace and never overflows. Live (from the hub's hand-over
 * on): updates are pushed as they happen while the buffer has room ({@link #hasRoom}); when it is
 * full the hub moves the stream back to catching up, from the last update it was given. A client
 * that takes nothing for the slow-watcher timeout while updates wait is ended with
 * RESOURCE_EXHAUSTED naming the last sequence delivered, to resume from ({@link ReadDeadline}).
 *
 * <p>Lives on the Vert.x context of its call (the connection's event loop): the bridge's
 * {@code isReady}/{@code onReady} bookkeeping is only race-free there (a write from another thread
 * can lose the wake-up and stall the stream). Updates and page ends from the hub hop onto it, in
 * order. Every event that can make progress possible (an update, a page end, {@code onReady})
 * runs {@link #drain}, which checks the transport itself, so a wake-up that comes early (e.g.
 * {@code onReady} before the hub has registered the stream) is never needed later.
 */
final class WatchStream implements Watcher {
  private final ServerCallStreamObserver<ExecutionUpdate> call;
  private final Context callContext;
  private final ProgressHub hub;
  private final String executionId;
  private final WatchLimits limits;
  private final WatchMetrics metrics;
  private final ReadDeadline deadline;
  private final ArrayDeque<ExecutionUpdate> queue = new ArrayDeque<>();
  /**
   * Updates the hub handed over that the transport has not taken yet (in {@code queue} or on
   * their way to it): what {@link #hasRoom} judges, on the hub's thread.
   */
  private final AtomicInteger outstanding = new AtomicInteger();
  private boolean live;
  /** A page (or the snapshot, which comes unasked) is on its way from the hub. */
  private boolean pageAsked = true;
  private boolean ending;
  private boolean closed;
  private long lastDelivered = -1;

  WatchStream(ServerCallStreamObserver<ExecutionUpdate> call, ProgressHub hub, String executionId, WatchLimits limits,
      Clock clock, WatchMetrics metrics) {
    this.call = call;
    this.hub = hub;
    this.executionId = executionId;
    this.limits = limits;
    this.metrics = metrics;
    Context current = Vertx.currentContext();
    this.callContext = current != null ? current : hub.context();
    this.deadline = new ReadDeadline(callContext.owner(), clock, limits.slowWatcherTimeout(), this::timedOut);
    // both must be set before the service method returns
    call.setOnReadyHandler(() -> callContext.runOnContext(v -> drain()));
    call.setOnCancelHandler(() -> callContext.runOnContext(v -> {
      close();
      hub.release(executionId, this);
    }));
  }

  @Override
  public void onUpdate(ExecutionUpdate update) {
    outstanding.incrementAndGet();
    callContext.runOnContext(v -> enqueue(update));
  }

  @Override
  public boolean hasRoom() {
    return outstanding.get() < limits.buffer();
  }

  @Override
  public void onPageEnd(boolean more) {
    callContext.runOnContext(v -> {
      if (live && more) {
        metrics.fellBehind();
      }
      pageAsked = false;
      live = !more;
      drain();
    });
  }

  private void enqueue(ExecutionUpdate update) {
    if (closed || ending) {
      outstanding.decrementAndGet();
      hub.release(executionId, this);
      return;
    }
    queue.add(update);
    if (ExecutionStatuses.isTerminal(update.getProgress().getStatus())) {
      ending = true;
    }
    drain();
  }

  /** Ends the stream with the status of a failed start (unknown execution, bad resume_after, database down). */
  void fail(Throwable error) {
    callContext.runOnContext(v -> {
      if (!closed) {
        close();
        call.onError(Statuses.of(error).asRuntimeException());
      }
    });
  }

  private void drain() {
    while (!closed && !queue.isEmpty() && call.isReady()) {
      send(queue.poll());
    }
    if (closed) {
      return;
    }
    if (ending && queue.isEmpty()) {
      close();
      call.onCompleted();
      hub.release(executionId, this);
      return;
    }
    if (queue.isEmpty()) {
      deadline.idle();
    } else {
      deadline.waiting(); // the transport is not ready: the client is not reading now
    }
    if (!live && !ending && !pageAsked && queue.size() <= limits.buffer() / 2) {
      pageAsked = true;
      hub.pull(executionId, this, limits.buffer() - queue.size());
    }
  }

  private void send(ExecutionUpdate next) {
    call.onNext(next);
    outstanding.decrementAndGet();
    lastDelivered = next.getProgress().getSequence();
    deadline.written();
  }

  private void close() {
    closed = true;
    outstanding.addAndGet(-queue.size());
    queue.clear();
    deadline.idle();
  }

  /** The client took nothing for the slow-watcher timeout while updates waited for it. */
  private void timedOut() {
    if (closed) {
      return;
    }
    int waiting = queue.size();
    close();
    String resume = lastDelivered < 0 ? "nothing was delivered: watch again"
        : "last sequence delivered: " + lastDelivered + "; watch again with resume_after=" + lastDelivered;
    call.onError(Status.RESOURCE_EXHAUSTED.withDescription("execution " + executionId + ": the watcher took no update for "
        + DurationParser.format(limits.slowWatcherTimeout()) + " while " + waiting + " waited for it (" + resume + ")")
        .asRuntimeException());
    metrics.timedOut();
    hub.release(executionId, this);
  }
}
