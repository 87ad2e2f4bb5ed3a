package dev.baton.progress.api;

import dev.baton.progress.hub.ProgressHub;
import dev.baton.progress.hub.Watcher;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;

/**
 * One WatchExecution stream with a bounded buffer of {@code capacity} updates. Updates are written
 * only while the transport is ready (grpc-java flow control: the Vert.x bridge reports the HTTP/2
 * stream's write queue through {@code isReady} and calls {@code onReady} when it drains), so a
 * client that does not read stops the writes to it and nothing else.
 *
 * <p>Two phases. Catching up: the events the client missed are asked for a page at a time, each
 * page only as large as the room left in the buffer and only once the buffer has drained to half,
 * so a long backlog moves at the client's pace and never overflows. Live (from the hub's hand-over
 * on): updates are pushed as they happen; when more than {@code capacity} wait, the stream ends
 * with RESOURCE_EXHAUSTED naming the last sequence delivered, to resume from.
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
  private final int capacity;
  private final ArrayDeque<ExecutionUpdate> queue = new ArrayDeque<>();
  private boolean live;
  /** A page (or the snapshot, which comes unasked) is on its way from the hub. */
  private boolean pageAsked = true;
  private boolean ending;
  private boolean closed;
  private long lastDelivered = -1;

  WatchStream(ServerCallStreamObserver<ExecutionUpdate> call, ProgressHub hub, String executionId, int capacity) {
    this.call = call;
    this.hub = hub;
    this.executionId = executionId;
    this.capacity = capacity;
    Context current = Vertx.currentContext();
    this.callContext = current != null ? current : hub.context();
    // both must be set before the service method returns
    call.setOnReadyHandler(() -> callContext.runOnContext(v -> drain()));
    call.setOnCancelHandler(() -> callContext.runOnContext(v -> {
      closed = true;
      queue.clear();
      hub.release(executionId, this);
    }));
  }

  @Override
  public void onUpdate(ExecutionUpdate update) {
    callContext.runOnContext(v -> enqueue(update));
  }

  @Override
  public void onPageEnd(boolean more) {
    callContext.runOnContext(v -> {
      pageAsked = false;
      live = !more;
      drain();
    });
  }

  private void enqueue(ExecutionUpdate update) {
    if (closed || ending) {
      hub.release(executionId, this);
      return;
    }
    queue.add(update);
    if (dev.baton.common.status.ExecutionStatuses.isTerminal(update.getProgress().getStatus())) {
      ending = true;
    }
    // while catching up the pages are sized to the room left, so only live updates overflow
    if (queue.size() > capacity) {
      overflow();
    } else {
      drain();
    }
  }

  /** Ends the stream with the status of a failed start (unknown execution, bad resume_after, database down). */
  void fail(Throwable error) {
    callContext.runOnContext(v -> {
      if (!closed) {
        closed = true;
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
      closed = true;
      call.onCompleted();
      hub.release(executionId, this);
    } else if (!live && !ending && !pageAsked && queue.size() <= capacity / 2) {
      pageAsked = true;
      hub.pull(executionId, this, capacity - queue.size());
    }
  }

  private void send(ExecutionUpdate next) {
    call.onNext(next);
    lastDelivered = next.getProgress().getSequence();
  }

  private void overflow() {
    closed = true;
    queue.clear();
    String resume = lastDelivered < 0 ? "nothing was delivered: watch again"
        : "last sequence delivered: " + lastDelivered + "; watch again with resume_after=" + lastDelivered;
    call.onError(Status.RESOURCE_EXHAUSTED.withDescription("execution " + executionId
        + ": the watcher fell behind by more than " + capacity + " updates (" + resume + ")").asRuntimeException());
    hub.release(executionId, this);
  }
}
