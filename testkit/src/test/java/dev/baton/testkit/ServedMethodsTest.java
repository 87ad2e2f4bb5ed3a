package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServedMethodsTest {

  /** Refuses every call, as a Baton service refuses calls without a key. */
  private static final ServerInterceptor REFUSE_ALL = new ServerInterceptor() {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      call.close(Status.UNAUTHENTICATED.withDescription("no key"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
  };

  @Test
  void findsTheServicesGeneratedInAJar() {
    List<String> names = ServedMethods.generatedAlongside(HealthGrpc.class).stream()
        .map(ServiceDescriptor::getName).toList();

    assertThat(names).contains(HealthGrpc.SERVICE_NAME, ServerReflectionGrpc.SERVICE_NAME);
  }

  @Test
  void reportsTheMethodsTheServerBindsWithWhatACallWithoutCredentialsGot() throws Exception {
    Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(ServerInterceptors.intercept(new HealthStatusManager().getHealthService(), REFUSE_ALL))
        .build().start();
    try {
      Map<String, Status.Code> served = ServedMethods.probe(server.getPort(),
          List.of(HealthGrpc.getServiceDescriptor(), ServerReflectionGrpc.getServiceDescriptor()));

      assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(
          HealthGrpc.getServiceDescriptor().getMethods().stream().map(MethodDescriptor::getFullMethodName).toList());
      assertThat(served.values()).containsOnly(Status.Code.UNAUTHENTICATED);
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
