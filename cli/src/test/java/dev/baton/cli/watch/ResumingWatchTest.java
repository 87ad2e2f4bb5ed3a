package dev.baton.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cli.FakeProgressApi;
import dev.baton.cli.ProgressUpdates;
import dev.baton.cli.connect.ProgressConnection;
import dev.baton.cli.failure.CliException;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Status;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumingWatchTest {
  private static final BatonCredentials KEY = BatonCredentials.apiKey("baton_dddddddddddddddd_" + "w".repeat(43));
  private static final ReconnectPolicy FAST = new ReconnectPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5));

  @Test
  void unreachableProgressServiceIsNamedAfterTheRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ProgressConnection connection = ProgressConnection.open("localhost:" + closedPort, KEY)) {
      assertThatThrownBy(() -> new ResumingWatch(connection, FAST).follow("ex-1", 0, u -> { }))
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("cannot reach progress-svc at localhost:" + closedPort + " (is `bin/baton dev` running?");
    }
  }

  @Test
  void givesUpWhenReconnectsKeepFailingWithoutProgress() throws Exception {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    Status down = Status.UNAVAILABLE.withDescription("down");
    try (FakeProgressApi api = new FakeProgressApi();
        ProgressConnection connection = ProgressConnection.open(api.target(), KEY)) {
      api.thenStreamAndFail(run.subList(0, 3), down).thenStreamAndFail(List.of(), down)
          .thenStreamAndFail(List.of(), down);
      List<ExecutionUpdate> seen = new ArrayList<>();

      assertThatThrownBy(() -> new ResumingWatch(connection, FAST).follow("ex-1", 0, seen::add))
          .isInstanceOf(CliException.class)
          .hasMessage("watch of execution ex-1 at progress-svc " + api.target()
              + " broke off and 2 reconnects failed: UNAVAILABLE: down");
      assertThat(seen).containsExactlyElementsOf(run.subList(0, 3));
      assertThat(api.requests).hasSize(3);
    }
  }

  @Test
  void eachUpdateThatArrivesResetsTheRetryBudget() throws Exception {
    List<ExecutionUpdate> run = ProgressUpdates.succeeding();
    Status down = Status.UNAVAILABLE.withDescription("down");
    try (FakeProgressApi api = new FakeProgressApi();
        ProgressConnection connection = ProgressConnection.open(api.target(), KEY)) {
      // four breaks in all, more than the budget of two, but never more than two in a row without an update
      long firstBreak = run.get(2).getEvent().getSequence();
      long secondBreak = run.get(4).getEvent().getSequence();
      api.thenStreamAndFail(run.subList(0, 3), down)
          .thenStreamAndFail(List.of(), down)
          .thenStreamAndFail(ProgressUpdates.resumedAfter(run, firstBreak).subList(0, 3), down)
          .thenStreamAndFail(List.of(), down)
          .thenStream(ProgressUpdates.resumedAfter(run, secondBreak));
      List<ExecutionUpdate> events = new ArrayList<>();

      var outcome = new ResumingWatch(connection, FAST).follow("ex-1", 0, u -> {
        if (u.hasEvent()) {
          events.add(u);
        }
      });

      assertThat(outcome).isEqualTo(run.get(run.size() - 1).getProgress());
      assertThat(events).containsExactlyElementsOf(run.subList(1, run.size()));
    }
  }

  @Test
  void backoffDoublesUpToItsCeiling() {
    ReconnectPolicy policy = new ReconnectPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1));

    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4), policy.backoff(9)))
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
            Duration.ofSeconds(1), Duration.ofSeconds(1));
  }
}
