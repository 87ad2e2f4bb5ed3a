package dev.baton.executor.orchestrator;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc.ExecutorServiceFutureStub;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.ReportResultsResponse;
import dev.baton.proto.internal.v1.TaskResult;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends task results to the orchestrator in batches: at most one ReportResults call is in flight,
 * and the next call carries everything that finished meanwhile (up to {@value #MAX_BATCH}). A failed
 * call is retried with backoff, ahead of newer results; nothing is dropped while the executor runs.
 */
public final class ResultReporter implements Consumer<TaskResult> {
  static final int MAX_BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(ResultReporter.class);
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  private final String executorId;
  private final ExecutorServiceFutureStub orchestrator;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
  private final Deque<TaskResult> pending = new ArrayDeque<>(); // guarded by this
  private boolean busy; // guarded by this: a call is in flight or a retry is scheduled
  private boolean stopped; // guarded by this

  public ResultReporter(String executorId, ExecutorServiceFutureStub orchestrator,
      ScheduledExecutorService scheduler) {
    this.executorId = Objects.requireNonNull(executorId, "executorId");
    this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public void accept(TaskResult result) {
    synchronized (this) {
      if (stopped) {
        logDropped(List.of(result));
        return;
      }
      pending.addLast(result);
    }
    sendNext();
  }

  private void sendNext() {
    List<TaskResult> batch;
    synchronized (this) {
      if (busy || stopped || pending.isEmpty()) {
        return;
      }
      busy = true;
      batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
      while (batch.size() < MAX_BATCH && !pending.isEmpty()) {
        batch.add(pending.pollFirst());
      }
    }
    ReportResultsRequest request = ReportResultsRequest.newBuilder()
        .setExecutorId(executorId)
        .addAllResults(batch)
        .build();
    Futures.addCallback(
        orchestrator.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).reportResults(request),
        new FutureCallback<ReportResultsResponse>() {
          @Override
          public void onSuccess(ReportResultsResponse response) {
            backoff.reset();
            synchronized (ResultReporter.this) {
              busy = false;
              ResultReporter.this.notifyAll();
            }
            sendNext();
          }

          @Override
          public void onFailure(Throwable error) {
            retryLater(batch, error);
          }
        },
        MoreExecutors.directExecutor());
  }

  private void retryLater(List<TaskResult> batch, Throwable error) {
    Duration delay = backoff.next();
    synchronized (this) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        pending.addFirst(batch.get(i));
      }
      if (stopped) {
        busy = false;
        notifyAll();
        return;
      }
    }
    // Every status is retried: the orchestrator applies each result once, so resending is safe, and a
    // dropped result would leave its step waiting for the lease to expire.
    log.warn("reporting {} results to the orchestrator failed ({}); retrying in {} ms", batch.size(),
        Status.fromThrowable(error), delay.toMillis());
    try {
      scheduler.schedule(() -> {
        synchronized (this) {
          busy = false;
        }
        sendNext();
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      synchronized (this) {
        busy = false;
        notifyAll();
      }
    }
  }

  /** Waits until every accepted result was delivered, up to {@code timeout}. */
  public synchronized boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (busy || !pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Stops sending; results not delivered by now are dropped with a log line naming them. */
  public void stop() {
    List<TaskResult> dropped;
    synchronized (this) {
      stopped = true;
      dropped = new ArrayList<>(pending);
      pending.clear();
      notifyAll();
    }
    if (!dropped.isEmpty()) {
      logDropped(dropped);
    }
  }

  /** For an abrupt stop: forgets everything without a word, like a crashed process would. */
  public synchronized void discard() {
    stopped = true;
    pending.clear();
    notifyAll();
  }

  private void logDropped(List<TaskResult> results) {
    log.warn("dropping {} undelivered results at shutdown (tasks {}); nothing to do by hand: the "
        + "orchestrator's lease expires and it dispatches these tasks again", results.size(),
        results.stream().map(TaskResult::getTaskId).toList());
  }
}
