package dev.baton.dev;

import dev.baton.common.status.ExecutionStatuses;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The example run {@code baton dev} starts once it is up: one lead-pipeline execution, so a first
 * look shows the platform working end to end (and something in the dashboard) without a second
 * command. Its outcome is printed when it ends; the platform keeps running either way.
 */
final class ExampleRun {
  static final String WORKFLOW = "lead-pipeline";
  static final String INPUT = "{\"audience\": \"CTOs of fintech startups in Berlin\"}";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration GIVE_UP = Duration.ofMinutes(5);

  private final BatonClient client;
  private final PrintStream out;

  ExampleRun(BatonClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /** Starts the execution and reports its end from a daemon thread; a failure to start is printed, not thrown. */
  void start(DashboardLink dashboard) {
    Execution started;
    try {
      started = client.workflows().startExecution(StartExecutionRequest.newBuilder()
          .setWorkflowName(WORKFLOW).setInputJson(INPUT).build()).getExecution();
    } catch (RuntimeException e) {
      out.println("baton dev: could not start the example " + WORKFLOW + ": " + e.getMessage());
      return;
    }
    String id = started.getId();
    out.printf("example: %s %s started -> bin/baton watch %s | %s%n", WORKFLOW, id, id, dashboard.execution(id));
    Thread reporter = new Thread(() -> reportEnd(id, System.nanoTime()), "baton-dev-example");
    reporter.setDaemon(true);
    reporter.start();
  }

  private void reportEnd(String id, long startedNanos) {
    long deadline = startedNanos + GIVE_UP.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Execution now = client.workflows().getExecution(GetExecutionRequest.newBuilder().setExecutionId(id).build());
        if (ExecutionStatuses.isTerminal(now.getStatus())) {
          out.printf("example: %s %s %s in %.1fs (details: bin/baton get %s)%n", WORKFLOW, id,
              EnumNames.shortName(now.getStatus()), (System.nanoTime() - startedNanos) / 1e9, id);
          return;
        }
        Thread.sleep(POLL.toMillis());
      }
      out.printf("example: %s %s still not ended after %s (bin/baton get %s)%n", WORKFLOW, id, GIVE_UP, id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the platform is stopping (Ctrl-C) or a call failed: the execution itself is unaffected
      out.println("example: stopped following " + id + ": " + e.getMessage());
    }
  }
}
