package dev.baton.cli.connect;

import dev.baton.cli.failure.CliException;
import dev.baton.cli.render.HumanTime;
import dev.baton.proto.v1.AlertServiceGrpc.AlertServiceBlockingStub;
import dev.baton.proto.v1.AnalyticsServiceGrpc.AnalyticsServiceBlockingStub;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * {@code --analytics-server}: where analytics-svc listens, for the report and alert commands; and
 * their one way to call it, with a deadline, so that an unreachable or silent analytics-svc is named
 * as such (rather than as the orchestrator of {@code --server}).
 */
public final class AnalyticsServerOption {
  @Option(names = "--analytics-server", paramLabel = "HOST:PORT",
      defaultValue = "${env:BATON_ANALYTICS_TARGET:-localhost:7235}",
      description = "analytics-svc address (env BATON_ANALYTICS_TARGET; now: ${DEFAULT-VALUE}).")
  String target;

  /** One call to the AlertService. */
  public <T> T alerts(BatonCredentials credentials, Function<AlertServiceBlockingStub, T> call) {
    return call(credentials, client -> call.apply(client.alerts()
        .withDeadlineAfter(OrchestratorConnection.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)));
  }

  /** One call to the AnalyticsService (reports). */
  public <T> T reports(BatonCredentials credentials, Function<AnalyticsServiceBlockingStub, T> call) {
    return call(credentials, client -> call.apply(client.analytics()
        .withDeadlineAfter(OrchestratorConnection.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)));
  }

  private <T> T call(BatonCredentials credentials, Function<BatonClient, T> call) {
    try (BatonClient client = BatonClient.connect(target, credentials)) {
      return call.apply(client);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        throw new CliException("cannot reach analytics-svc at " + target
            + " (set --analytics-server or BATON_ANALYTICS_TARGET)", e);
      }
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new CliException("analytics-svc at " + target + " did not answer within "
            + HumanTime.duration(OrchestratorConnection.CALL_DEADLINE), e);
      }
      throw e;
    }
  }
}
