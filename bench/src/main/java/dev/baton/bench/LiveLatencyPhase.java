package dev.baton.bench;

import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.sdk.client.BatonClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The latency phase: short executions ({@link ChainWorkflow}, three noop steps) started at a
 * steady rate, each watched by one subscriber from its start (resume_after 0), so progress-svc
 * serves live events under a known load. Executions started during the warm-up are watched the
 * same way but their updates are not counted.
 */
final class LiveLatencyPhase {
  static final String PHASE = "progress-latency";
  private static final Duration QUIET = Duration.ofSeconds(30);

  private final BatonClient client;
  private final WatchChannels channels;

  LiveLatencyPhase(BatonClient client, WatchChannels channels) {
    this.client = Objects.requireNonNull(client, "client");
    this.channels = Objects.requireNonNull(channels, "channels");
  }

  record Result(double stepsPerSecond, Duration duration, int startCalls, int startErrors, String firstStartError,
      WatchGroup.Result measured, WatchGroup.Result warmup) {

    int succeeded() {
      return measured.completedWith(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    }

    /** Executions started, watched and measured that did not end with SUCCEEDED on their stream. */
    int unsuccessful() {
      return measured.opened() - succeeded();
    }
  }

  Result run(double stepsPerSecond, Duration warmup, Duration duration) {
    WatchGroup warmupGroup = new WatchGroup();
    WatchGroup measuredGroup = new WatchGroup();
    CallWindow starts = new CallWindow(256);
    long periodNanos = (long) (1e9 * ChainWorkflow.STEPS / stepsPerSecond);
    long measureFrom = System.nanoTime() + warmup.toNanos();
    AtomicInteger startCalls = new AtomicInteger();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-load"));
    ticker.scheduleAtFixedRate(() -> {
      WatchGroup group = System.nanoTime() < measureFrom ? warmupGroup : measuredGroup;
      startCalls.incrementAndGet();
      starts.submit(() -> client.workflowsAsync().startExecution(ChainWorkflow.start(PHASE)), started -> {
        String id = started.getExecution().getId();
        channels.watch(id, 0, group.newWatch(id));
      });
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    try {
      Thread.sleep(warmup.plus(duration).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ticker.shutdownNow();
    }
    starts.awaitAll();
    CountWait.until(() -> warmupGroup.ended() + measuredGroup.ended(),
        warmupGroup.opened() + measuredGroup.opened(), QUIET, Duration.ofMillis(5));
    return new Result(stepsPerSecond, duration, startCalls.get(), starts.failures(), starts.firstFailure(),
        measuredGroup.result(), warmupGroup.result());
  }
}
