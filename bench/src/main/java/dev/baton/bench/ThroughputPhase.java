package dev.baton.bench;

import com.google.common.util.concurrent.ListenableFuture;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.sdk.client.BatonClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a fixed number of executions in flight until a given number have ended. Starts go through
 * the async stub; ends are observed by counting final statuses in the database once per poll
 * interval, and the window is refilled after each count.
 */
final class ThroughputPhase {
  private final BatonClient client;
  private final BenchDatabase database;
  private final Duration pollInterval;
  private final Duration stallTimeout;

  ThroughputPhase(BatonClient client, BenchDatabase database, Duration pollInterval, Duration stallTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.database = Objects.requireNonNull(database, "database");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
  }

  /** What one run of the phase observed. {@code stalled} means it gave up before all executions ended. */
  record Result(String phase, int requested, FinishedCounts ended, int startErrors, String firstStartError,
      Duration elapsed, Duration recordedSpan, boolean stalled) {

    double executionsPerSecond() {
      return ended.total() / seconds(elapsed);
    }

    double stepsPerSecond() {
      return ended.succeeded() * ChainWorkflow.STEPS / seconds(elapsed);
    }

    double recordedStepsPerSecond() {
      return ended.succeeded() * ChainWorkflow.STEPS / seconds(recordedSpan);
    }

    private static double seconds(Duration d) {
      return d.toNanos() / 1e9;
    }
  }

  Result run(String phase, int executions, int concurrency) {
    AtomicInteger startErrors = new AtomicInteger();
    AtomicReference<String> firstStartError = new AtomicReference<>();
    java.util.Queue<java.util.UUID> justStarted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Set<java.util.UUID> inFlightIds = new java.util.HashSet<>();
    int started = 0;
    long succeeded = 0;
    long failed = 0;
    long cancelled = 0;
    long lastProgress = System.nanoTime();
    boolean stalled = false;
    long begin = System.nanoTime();
    while (true) {
      for (java.util.UUID id; (id = justStarted.poll()) != null; ) {
        inFlightIds.add(id);
      }
      java.util.Map<java.util.UUID, String> ended = database.endedAmong(inFlightIds);
      for (var e : ended.entrySet()) {
        inFlightIds.remove(e.getKey());
        switch (e.getValue()) {
          case "SUCCEEDED" -> succeeded++;
          case "FAILED" -> failed++;
          default -> cancelled++;
        }
      }
      if (!ended.isEmpty()) {
        lastProgress = System.nanoTime();
      }
      long total = succeeded + failed + cancelled;
      if (total + startErrors.get() >= executions) {
        break;
      }
      if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
        stalled = true;
        break;
      }
      long inFlight = started - total - startErrors.get();
      while (started < executions && inFlight < concurrency) {
        startOne(phase, startErrors, firstStartError, justStarted);
        started++;
        inFlight++;
      }
      LockSupport.parkNanos(pollInterval.toNanos());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    return new Result(phase, executions, new FinishedCounts(succeeded, failed, cancelled), startErrors.get(),
        firstStartError.get(), elapsed, database.recordedSpan(phase), stalled);
  }

  private void startOne(String phase, AtomicInteger startErrors, AtomicReference<String> firstStartError,
      java.util.Queue<java.util.UUID> justStarted) {
    ListenableFuture<StartExecutionResponse> call = client.workflowsAsync().startExecution(ChainWorkflow.start(phase));
    call.addListener(() -> {
      try {
        justStarted.add(java.util.UUID.fromString(call.get().getExecution().getId()));
      } catch (ExecutionException e) {
        startErrors.incrementAndGet();
        firstStartError.compareAndSet(null, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, Runnable::run);
  }
}
