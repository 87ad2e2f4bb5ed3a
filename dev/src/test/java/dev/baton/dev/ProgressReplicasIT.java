package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.progress.ProgressServer;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionProgress;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several progress-svc replicas (own ports, same PostgreSQL and Redis) serve the same executions. */
class ProgressReplicasIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  static ManagedChannel main;

  @BeforeAll
  static void connect() {
    Executions.apply(stack.platform().client(), ProgressResumeIT.SLOW);
    main = channel(stack.platform().progress());
  }

  @AfterAll
  static void disconnect() {
    main.shutdownNow();
  }

  static ManagedChannel channel(ProgressServer server) {
    return ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
  }

  @Test
  void twoReplicasStreamTheSameExecutionWithIdenticalEventsAndProgress() {
    ProgressServer replica = stack.platform().startProgressReplica();
    ManagedChannel second = channel(replica);
    try {
      assertThat(replica.port()).isNotEqualTo(stack.platform().progress().port());
      Execution started = start();
      ProgressWatch onMain = ProgressWatch.start(main, stack.admin(), started.getId(), 1);
      ProgressWatch onReplica = ProgressWatch.start(second, stack.admin(), started.getId(), 1);

      assertThat(onMain.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
      assertThat(onReplica.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);

      List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
      assertThat(rows.get(rows.size() - 1).type()).isEqualTo("EXECUTION_SUCCEEDED");
      assertThat(onMain.eventSequences()).containsExactlyElementsOf(LongStream.rangeClosed(2, rows.size()).boxed().toList());
      assertThat(onReplica.eventSequences()).containsExactlyElementsOf(onMain.eventSequences());
      // the same event content and, event by event, the same folded progress (the ETA is estimated
      // at each replica's own instant, so it is left out)
      assertThat(observed(onReplica.updates())).containsExactlyElementsOf(observed(onMain.updates()));
    } finally {
      second.shutdownNow();
      replica.close();
    }
  }

  @Test
  void aWatcherWhoseReplicaStopsResumesOnTheOtherWithoutGapOrDuplicate() {
    ProgressServer replica = stack.platform().startProgressReplica();
    ManagedChannel second = channel(replica);
    try {
      Execution started = start();
      ProgressWatch first = ProgressWatch.start(second, stack.admin(), started.getId(), 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> first.eventSequences().size() >= 12);

      replica.close();
      assertThat(first.awaitEnd(Duration.ofSeconds(10)).isOk()).isFalse();
      ProgressWatch resumed = ProgressWatch.start(main, stack.admin(), started.getId(), first.lastSequence());

      assertThat(resumed.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
      ResumeChecks.assertNoGapNoDuplicate(stack.platform(), started.getId(), first, resumed);
    } finally {
      second.shutdownNow();
      replica.close();
    }
  }

  private static Execution start() {
    return Executions.start(stack.platform().client(), "progress-slow", ProgressStreamIT.items(40));
  }

  record Observed(EventRows.Row event, ExecutionProgress progress) {}

  /** What a watcher saw, less what differs between servers: publish time and ETA (each server's own clock). */
  static List<Observed> observed(List<ExecutionUpdate> updates) {
    return updates.stream()
        .map(u -> new Observed(u.hasEvent() ? EventRows.Row.of(u.getEvent()) : null,
            u.getProgress().toBuilder().clearEta().build()))
        .toList();
  }
}
