package dev.baton.bench;

import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.sdk.client.BatonClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * One execution in flight at a time. For each sample it records what the client saw (from calling
 * StartExecution until the committed final status is read back, polled every 5 ms by primary
 * key) and what the orchestrator recorded (finished_at - created_at). A 1 ms poll was tried first:
 * on two cores its own load added ~10 ms to the orchestrator-recorded time.
 */
final class LatencyPhase {
  static final String PHASE = "latency";
  private static final Duration POLL = Duration.ofMillis(5);

  private final BatonClient client;
  private final BenchDatabase database;
  private final Duration sampleTimeout;

  LatencyPhase(BatonClient client, BenchDatabase database, Duration sampleTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.database = Objects.requireNonNull(database, "database");
    this.sampleTimeout = Objects.requireNonNull(sampleTimeout, "sampleTimeout");
  }

  record Result(List<Double> clientObservedMs, List<Double> recordedMs, List<Double> startCallMs, int failed,
      int timedOut) {}

  Result run(int samples) {
    List<Double> clientObserved = new ArrayList<>();
    List<Double> recorded = new ArrayList<>();
    List<Double> startCall = new ArrayList<>();
    int failed = 0;
    int timedOut = 0;
    for (int i = 0; i < samples; i++) {
      long begin = System.nanoTime();
      StartExecutionResponse started = client.workflows().startExecution(ChainWorkflow.start(PHASE));
      long accepted = System.nanoTime();
      UUID id = UUID.fromString(started.getExecution().getId());
      Optional<EndedExecution> ended = awaitEnd(id, accepted);
      long seen = System.nanoTime();
      if (ended.isEmpty()) {
        timedOut++;
        continue;
      }
      if (!ended.get().succeeded()) {
        failed++;
        continue;
      }
      startCall.add((accepted - begin) / 1e6);
      clientObserved.add((seen - begin) / 1e6);
      recorded.add(ended.get().recordedDuration().toNanos() / 1e6);
    }
    return new Result(clientObserved, recorded, startCall, failed, timedOut);
  }

  private Optional<EndedExecution> awaitEnd(UUID id, long since) {
    while (System.nanoTime() - since < sampleTimeout.toNanos()) {
      Optional<EndedExecution> ended = database.ended(id);
      if (ended.isPresent()) {
        return ended;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return Optional.empty();
  }
}
