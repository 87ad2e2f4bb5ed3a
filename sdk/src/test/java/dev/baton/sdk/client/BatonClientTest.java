package dev.baton.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.GetBottleneckReportRequest;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ListNotificationChannelsRequest;
import dev.baton.proto.v1.NotificationServiceGrpc;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every stub a BatonClient hands out carries its key, against a real gRPC server hosting every
 * service the client reaches, unimplemented: each call ends UNIMPLEMENTED after its headers were seen.
 */
class BatonClientTest {
  private static final String KEY = "baton_k3abcdefghijklmn_" + "s".repeat(43);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** One call through one of the client's stubs. */
  private interface Call {
    void on(BatonClient client) throws Exception;
  }

  private static final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private static Server server;

  @BeforeAll
  static void start() throws Exception {
    ServerInterceptor record = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        authorizations.add(headers.get(AUTHORIZATION));
        return next.startCall(call, headers);
      }
    };
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create());
    for (BindableService service : List.of(new WorkflowServiceGrpc.WorkflowServiceImplBase() {},
        new CircuitServiceGrpc.CircuitServiceImplBase() {},
        new NotificationServiceGrpc.NotificationServiceImplBase() {},
        new KeyServiceGrpc.KeyServiceImplBase() {}, new ProgressServiceGrpc.ProgressServiceImplBase() {},
        new AlertServiceGrpc.AlertServiceImplBase() {}, new AnalyticsServiceGrpc.AnalyticsServiceImplBase() {})) {
      builder.addService(ServerInterceptors.intercept(service, record));
    }
    server = builder.build().start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @BeforeEach
  void forget() {
    authorizations.clear();
  }

  @Test
  void everyStubSendsTheKeyAsABearerCredential() throws Exception {
    Map<String, Call> calls = Map.of(
        "workflows", c -> c.workflows().getExecution(GetExecutionRequest.getDefaultInstance()),
        "circuits", c -> c.circuits().listCircuits(ListCircuitsRequest.getDefaultInstance()),
        "notifications", c -> c.notifications().listNotificationChannels(
            ListNotificationChannelsRequest.getDefaultInstance()),
        "keys", c -> c.keys().listApiKeys(ListApiKeysRequest.getDefaultInstance()),
        "progress", c -> c.progress().watchExecution(WatchExecutionRequest.getDefaultInstance()).hasNext(),
        "alerts", c -> c.alerts().listAlertRules(ListAlertRulesRequest.getDefaultInstance()),
        "analytics", c -> c.analytics().getBottleneckReport(GetBottleneckReportRequest.getDefaultInstance()),
        "workflowsAsync", c -> c.workflowsAsync().getExecution(GetExecutionRequest.getDefaultInstance()).get());

    try (BatonClient client = BatonClient.connect("localhost:" + server.getPort(), BatonCredentials.apiKey(KEY))) {
      calls.forEach((stub, call) -> assertThatThrownBy(() -> call.on(client)).as(stub)
          .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNIMPLEMENTED)));
    }

    assertThat(authorizations).hasSize(calls.size()).containsOnly("Bearer " + KEY);
  }

  @Test
  void theInterceptorAddsTheKeyToStubsOfYourOwn() {
    BatonCredentials credentials = BatonCredentials.apiKey("  " + KEY + "\n");

    try (BatonClient client = BatonClient.connect("localhost:" + server.getPort(), credentials)) {
      var own = KeyServiceGrpc.newBlockingStub(client.channel()).withInterceptors(credentials.interceptor());
      assertThatThrownBy(() -> own.listApiKeys(ListApiKeysRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class);
    }

    // surrounding whitespace (a key pasted from a terminal) is not part of the key
    assertThat(authorizations).containsExactly("Bearer " + KEY);
  }
}
