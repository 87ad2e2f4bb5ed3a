package dev.baton.bench;

import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The WatchExecution streams of one phase and what they received: snapshots, live updates with
 * their commit-to-receive latency ({@code receive wall-clock - publish_time}, both on this
 * machine's clock), updates without {@code publish_time} (read back from PostgreSQL rather than
 * fanned out live), and how each stream ended.
 */
final class WatchGroup {
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger snapshots = new AtomicInteger();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicLong liveUpdates = new AtomicLong();
  private final AtomicLong backfilledUpdates = new AtomicLong();
  private final Queue<Double> latenciesMs = new ConcurrentLinkedQueue<>();
  private final AtomicInteger completed = new AtomicInteger();
  private final Map<ExecutionStatus, AtomicInteger> completedByStatus = new EnumMap<>(ExecutionStatus.class);
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  WatchGroup() {
    for (ExecutionStatus status : ExecutionStatus.values()) {
      completedByStatus.put(status, new AtomicInteger());
    }
  }

  /** A new observer for one stream of this group. */
  StreamObserver<ExecutionUpdate> newWatch(String executionId) {
    return newWatch(executionId, () -> { });
  }

  /** The same; {@code onSettled} runs once, at the stream's snapshot or at its end without one. */
  StreamObserver<ExecutionUpdate> newWatch(String executionId, Runnable onSettled) {
    opened.incrementAndGet();
    return new Watch(Objects.requireNonNull(executionId, "executionId"), Objects.requireNonNull(onSettled,
        "onSettled"));
  }

  private final class Watch implements StreamObserver<ExecutionUpdate> {
    private final String executionId;
    private ExecutionStatus lastStatus = ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED;
    private final Runnable onSettled;
    private boolean settledYet;

    Watch(String executionId, Runnable onSettled) {
      this.executionId = executionId;
      this.onSettled = onSettled;
    }

    @Override
    public void onNext(ExecutionUpdate update) {
      Instant received = Instant.now();
      lastStatus = update.getProgress().getStatus();
      if (update.getSnapshot()) {
        snapshots.incrementAndGet();
        settle();
      } else if (update.hasPublishTime()) {
        liveUpdates.incrementAndGet();
        long nanos = (received.getEpochSecond() - update.getPublishTime().getSeconds()) * 1_000_000_000L
            + (received.getNano() - update.getPublishTime().getNanos());
        latenciesMs.add(nanos / 1e6);
      } else {
        backfilledUpdates.incrementAndGet();
      }
    }

    @Override
    public void onError(Throwable error) {
      settle();
      failed.incrementAndGet();
      firstFailure.compareAndSet(null, executionId + ": " + Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      settle();
      completedByStatus.get(lastStatus).incrementAndGet();
      completed.incrementAndGet();
    }

    /** Counts the stream once, at its snapshot or, failing that, at its end. */
    private void settle() {
      if (!settledYet) {
        settledYet = true;
        settled.incrementAndGet();
        onSettled.run();
      }
    }
  }

  int opened() {
    return opened.get();
  }

  int snapshots() {
    return snapshots.get();
  }

  /** Streams that got their snapshot or ended without one: those no longer waiting for an answer. */
  int settled() {
    return settled.get();
  }

  /** Streams that ended, normally or with an error. */
  int ended() {
    return completed.get() + failed.get();
  }

  /** What the group received, frozen. */
  Result result() {
    Map<ExecutionStatus, Integer> byStatus = new EnumMap<>(ExecutionStatus.class);
    completedByStatus.forEach((status, n) -> {
      if (n.get() > 0) {
        byStatus.put(status, n.get());
      }
    });
    return new Result(opened.get(), snapshots.get(), liveUpdates.get(), backfilledUpdates.get(),
        List.copyOf(latenciesMs), completed.get(), byStatus, failed.get(), firstFailure.get());
  }

  record Result(int opened, int snapshots, long liveUpdates, long backfilledUpdates, List<Double> latenciesMs,
      int completed, Map<ExecutionStatus, Integer> completedByStatus, int failed, String firstFailure) {

    Percentiles latency() {
      return Percentiles.of(latenciesMs);
    }

    int completedWith(ExecutionStatus status) {
      return completedByStatus.getOrDefault(status, 0);
    }

    /** Streams opened that neither completed nor failed: still open, or never got a slot on a connection. */
    int stillOpen() {
      return opened - completed - failed;
    }

    String describeEnds() {
      return String.format("%d completed %s, %d failed%s, %d still open", completed, completedByStatus, failed,
          firstFailure == null ? "" : " (first: " + firstFailure + ")", stillOpen());
    }
  }
}
