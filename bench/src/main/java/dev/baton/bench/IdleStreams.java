package dev.baton.bench;

import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.sdk.client.BatonClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The streams phase: idle executions ({@link IdleWorkflow}), one or more WatchExecution streams
 * each, held open; then every execution is cancelled and every stream must end with CANCELLED, which
 * fans N terminal events out at once.
 */
final class IdleStreams {
  private static final int CALLS_IN_FLIGHT = 64;
  private static final Duration QUIET = Duration.ofSeconds(60);

  private final BatonClient client;
  private final BenchDatabase database;
  private final WatchChannels channels;
  private final Queue<String> executionIds = new ConcurrentLinkedQueue<>();
  private final WatchGroup group = new WatchGroup();

  IdleStreams(BatonClient client, BenchDatabase database, WatchChannels channels) {
    this.client = Objects.requireNonNull(client, "client");
    this.database = Objects.requireNonNull(database, "database");
    this.channels = Objects.requireNonNull(channels, "channels");
  }

  record Started(int requested, int started, int startErrors, String firstStartError, Duration startElapsed,
      int waiting, Duration waitElapsed) {}

  /** Starts {@code count} idle executions and waits until each step waits for its retry. */
  Started startExecutions(int count) {
    CallWindow window = new CallWindow(CALLS_IN_FLIGHT);
    long begin = System.nanoTime();
    for (int i = 0; i < count; i++) {
      window.submit(() -> client.workflowsAsync().startExecution(IdleWorkflow.start()),
          started -> executionIds.add(started.getExecution().getId()));
    }
    window.awaitAll();
    Duration startElapsed = Duration.ofNanos(System.nanoTime() - begin);
    List<UUID> ids = executionIds.stream().map(UUID::fromString).toList();
    Duration waitElapsed = CountWait.until(() -> database.stepsInStatus(ids, IdleWorkflow.STEP, "RETRYING"),
        ids.size(), QUIET, Duration.ofMillis(200));
    return new Started(count, ids.size(), window.failures(), window.firstFailure(), startElapsed,
        database.stepsInStatus(ids, IdleWorkflow.STEP, "RETRYING"), waitElapsed);
  }

  record Opened(Duration elapsed, WatchGroup.Result result) {}

  /**
   * Opens {@code perExecution} streams per execution (resume_after 0) and waits for every snapshot.
   * With {@code awaitingAtOnce} > 0 at most that many streams wait for their snapshot at a time (a
   * new one opens as one is answered); 0 opens them all at once, as clients reconnecting together do.
   */
  Opened openStreams(int awaitingAtOnce, int perExecution) {
    Semaphore awaiting = new Semaphore(awaitingAtOnce > 0 ? awaitingAtOnce : Integer.MAX_VALUE);
    long begin = System.nanoTime();
    for (int round = 0; round < perExecution; round++) {
      for (String id : executionIds) {
        awaiting.acquireUninterruptibly();
        channels.watch(id, 0, group.newWatch(id, awaiting::release));
      }
    }
    int expected = executionIds.size() * perExecution;
    CountWait.until(group::settled, expected, QUIET, Duration.ofMillis(2));
    return new Opened(Duration.ofNanos(System.nanoTime() - begin), group.result());
  }

  WatchGroup.Result now() {
    return group.result();
  }

  record Cancelled(int calls, int callErrors, String firstCallError, Duration callsElapsed, Duration allEndedElapsed,
      WatchGroup.Result result, List<Double> terminalLatenciesMs) {

    int endedCancelled() {
      return result.completedWith(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
    }
  }

  /** Cancels every execution and waits until every stream has ended. */
  Cancelled cancelAll() {
    int latenciesBefore = group.result().latenciesMs().size();
    CallWindow window = new CallWindow(CALLS_IN_FLIGHT);
    long begin = System.nanoTime();
    for (String id : executionIds) {
      window.submit(() -> client.workflowsAsync().cancelExecution(CancelExecutionRequest.newBuilder()
          .setExecutionId(id).setReason("benchmark: end of the streams phase").build()), cancelled -> { });
    }
    window.awaitAll();
    Duration callsElapsed = Duration.ofNanos(System.nanoTime() - begin);
    CountWait.until(group::ended, group.opened(), QUIET, Duration.ofMillis(2));
    Duration allEnded = Duration.ofNanos(System.nanoTime() - begin);
    WatchGroup.Result result = group.result();
    return new Cancelled(executionIds.size(), window.failures(), window.firstFailure(), callsElapsed, allEnded, result,
        result.latenciesMs().subList(latenciesBefore, result.latenciesMs().size()));
  }
}
