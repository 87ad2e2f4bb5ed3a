package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ExecutionUpdate;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reconnect storm: thousands of WatchExecution calls at once, as after a restart of progress-svc.
 * Every watch gets its snapshot, and the watches of one execution share the reads of its log
 * (progress-svc/README.md, "Reconnect storms").
 */
class ProgressReconnectStormIT {
  private static final int WATCHES = 2000;
  /** Streams per connection, below the server's limit of 1,000 (BATON_MAX_CONCURRENT_STREAMS). */
  private static final int PER_CHANNEL = 500;
  private static final String READS = "baton_progress_log_reads_total";

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  @BeforeAll
  static void workflow() {
    Executions.apply(stack.platform().client(), """
        name: progress-storm
        steps:
          - { id: warm, handler: noop }
          - { id: nap, handler: sleep, dependsOn: [warm], input: { duration: "120s" } }
        """);
  }

  @Test
  void twoThousandWatchesOfOneExecutionOpenedAtOnceAfterARestartAllGetTheirSnapshotFromAFewReads() throws Exception {
    Execution started = Executions.start(stack.platform().client(), "progress-storm", "{}");
    await().atMost(Duration.ofSeconds(20)).until(() -> EventRows.of(stack.platform(), started.getId()).stream()
        .anyMatch(r -> r.type().equals("TASK_DISPATCHED") && r.stepId().equals("nap")));
    stack.platform().stopProgress();
    stack.platform().startProgress();
    int port = stack.platform().progress().port();
    double lookupsBefore = PrometheusText.scrape(port).sum(READS, Map.of("read", "execution"));
    double loadsBefore = PrometheusText.scrape(port).sum(READS, Map.of("read", "events"));

    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < WATCHES / PER_CHANNEL; i++) {
      channels.add(ManagedChannelBuilder.forTarget(stack.platform().progressTarget()).usePlaintext().build());
    }
    try {
      List<ProgressWatch> watches = new ArrayList<>();
      long begin = System.nanoTime();
      for (int i = 0; i < WATCHES; i++) {
        // half from the current state, half resuming after the first event (the paced catch-up)
        watches.add(ProgressWatch.start(channels.get(i % channels.size()), stack.admin(), started.getId(), i % 2));
      }
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .until(() -> watches.stream().allMatch(w -> !w.updates().isEmpty()));
      System.out.printf("%d watches opened at once: every snapshot after %d ms%n", WATCHES,
          (System.nanoTime() - begin) / 1_000_000);
      assertThat(watches).allSatisfy(w -> assertThat(w.updates().get(0).getSnapshot()).isTrue());
      assertThat(watches).noneMatch(w -> w.end.isDone());

      double lookups = PrometheusText.scrape(port).sum(READS, Map.of("read", "execution")) - lookupsBefore;
      double loads = PrometheusText.scrape(port).sum(READS, Map.of("read", "events")) - loadsBefore;
      assertThat(lookups).as("reads of the execution for " + WATCHES + " watches").isBetween(1.0, 3.0);
      assertThat(loads).as("reads of its events for " + WATCHES + " watches").isBetween(1.0, 3.0);

      stack.platform().client().workflows().cancelExecution(CancelExecutionRequest.newBuilder()
          .setExecutionId(started.getId()).setReason("end of the storm").build());
      for (ProgressWatch watch : watches) {
        assertThat(watch.awaitEnd(Duration.ofSeconds(30))).isEqualTo(Status.OK);
      }
      List<EventRows.Row> rows = EventRows.of(stack.platform(), started.getId());
      for (ProgressWatch watch : watches) {
        List<ExecutionUpdate> updates = watch.updates();
        assertThat(updates.get(updates.size() - 1).getProgress().getStatus())
            .isEqualTo(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
        long snapshot = updates.get(0).getProgress().getSequence();
        assertThat(watch.eventSequences())
            .containsExactlyElementsOf(LongStream.rangeClosed(snapshot + 1, rows.size()).boxed().toList());
      }
    } finally {
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }
}
