package dev.baton.dev;

import static org.awaitility.Awaitility.await;

import dev.baton.orchestrator.Orchestrator;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionsRequest;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the services of a test platform answer a key. Keys minted by the platform are known to its
 * services at once; a change made through the KeyService (a rotation, a revocation) reaches the
 * other replicas and services only when their key rings reload, within BATON_AUTH_REFRESH_INTERVAL.
 */
final class KeyProbes {
  /** Well beyond the default refresh interval of 1s. */
  private static final Duration LOADED_WITHIN = Duration.ofSeconds(15);

  private KeyProbes() {}

  /** Waits until no service of the platform answers {@code key} with UNAUTHENTICATED any more. */
  static void awaitKnownEverywhere(LocalPlatform platform, BatonCredentials key) {
    await().atMost(LOADED_WITHIN).pollInterval(Duration.ofMillis(50)).until(() ->
        !answers(platform, key).containsValue(Status.Code.UNAUTHENTICATED));
  }

  /**
   * What each service of the platform (every orchestrator replica, progress-svc when it runs,
   * analytics-svc) answers a read made with {@code key}, by service: OK or PERMISSION_DENIED (by the
   * key's role) when it takes the key, UNAUTHENTICATED when it does not.
   */
  static Map<String, Status.Code> answers(LocalPlatform platform, BatonCredentials key) {
    Map<String, Status.Code> answers = new LinkedHashMap<>();
    for (int i = 0; i < platform.orchestrators().size(); i++) {
      answers.put("orchestrator " + i, orchestratorAnswer(platform.orchestrators().get(i), key));
    }
    if (platform.progress() != null) {
      answers.put("progress-svc", progressAnswer(platform.progressTarget(), key));
    }
    answers.put("analytics-svc", analyticsAnswer("localhost:" + platform.analytics().port(), key));
    return answers;
  }

  /**
   * What an orchestrator answers a read (ListCircuits) made with {@code key}: OK for keys that may
   * read, PERMISSION_DENIED for the others, UNAUTHENTICATED for a key it does not take.
   */
  static Status.Code orchestratorAnswer(Orchestrator orchestrator, BatonCredentials key) {
    return answer(orchestrator.target(), channel -> CircuitServiceGrpc.newBlockingStub(channel)
        .withInterceptors(key.interceptor()).listCircuits(ListCircuitsRequest.getDefaultInstance()));
  }

  private static Status.Code progressAnswer(String target, BatonCredentials key) {
    // the first message of a list watch (its snapshot); the watch ends with the channel
    return answer(target, channel -> ProgressServiceGrpc.newBlockingStub(channel).withInterceptors(key.interceptor())
        .watchExecutions(WatchExecutionsRequest.newBuilder().setLimit(1).build()).hasNext());
  }

  private static Status.Code analyticsAnswer(String target, BatonCredentials key) {
    return answer(target, channel -> AlertServiceGrpc.newBlockingStub(channel).withInterceptors(key.interceptor())
        .listAlertRules(ListAlertRulesRequest.getDefaultInstance()));
  }

  private static Status.Code answer(String target, Function<ManagedChannel, ?> call) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      call.apply(channel);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } finally {
      channel.shutdownNow();
    }
  }
}
