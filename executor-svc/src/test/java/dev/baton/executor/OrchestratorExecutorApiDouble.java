package dev.baton.executor;

import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.internal.v1.HeartbeatRequest;
import dev.baton.proto.internal.v1.HeartbeatResponse;
import dev.baton.proto.internal.v1.RegisterExecutorRequest;
import dev.baton.proto.internal.v1.RegisterExecutorResponse;
import dev.baton.proto.internal.v1.ReportResultsRequest;
import dev.baton.proto.internal.v1.ReportResultsResponse;
import dev.baton.proto.internal.v1.TaskResult;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of the orchestrator's executor API (ExecutorService), not the orchestrator: it records
 * what an executor sends, answers heartbeats with the task ids a test marked cancelled, and can fail
 * ReportResults calls on demand, and keeps the {@code authorization} header of every call by method.
 * Served by a real gRPC server on a free local port.
 */
final class OrchestratorExecutorApiDouble extends ExecutorServiceGrpc.ExecutorServiceImplBase implements AutoCloseable {
  final List<RegisterExecutorRequest> registrations = new CopyOnWriteArrayList<>();
  final List<ReportResultsRequest> reports = new CopyOnWriteArrayList<>();
  final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
  /** Bare method name ("Heartbeat") to the authorization headers its calls carried ("" for none). */
  final Map<String, List<String>> authorizations = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reportFailuresToInject = new AtomicInteger();
  private final Server server;

  OrchestratorExecutorApiDouble() throws IOException {
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(ServerInterceptors.intercept(this, new AuthorizationRecorder()))
        .build().start();
  }

  private final class AuthorizationRecorder implements ServerInterceptor {
    private final Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      authorizations.computeIfAbsent(call.getMethodDescriptor().getBareMethodName(), m -> new CopyOnWriteArrayList<>())
          .add(Optional.ofNullable(headers.get(authorization)).orElse(""));
      return next.startCall(call, headers);
    }
  }

  String target() {
    return "127.0.0.1:" + server.getPort();
  }

  void cancel(String taskId) {
    cancelled.add(taskId);
  }

  /** The next {@code count} ReportResults calls fail with UNAVAILABLE. */
  void failNextReports(int count) {
    reportFailuresToInject.set(count);
  }

  List<TaskResult> results() {
    return reports.stream().flatMap(r -> r.getResultsList().stream()).toList();
  }

  Optional<TaskResult> result(String taskId) {
    return results().stream().filter(r -> r.getTaskId().equals(taskId)).findFirst();
  }

  boolean heartbeatMentioned(String taskId) {
    return heartbeats.stream().anyMatch(h -> h.getTaskIdsList().contains(taskId));
  }

  @Override
  public void registerExecutor(RegisterExecutorRequest request, StreamObserver<RegisterExecutorResponse> response) {
    registrations.add(request);
    response.onNext(RegisterExecutorResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void reportResults(ReportResultsRequest request, StreamObserver<ReportResultsResponse> response) {
    if (reportFailuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      response.onError(Status.UNAVAILABLE.withDescription("injected by the test").asRuntimeException());
      return;
    }
    reports.add(request);
    ReportResultsResponse.Builder reply = ReportResultsResponse.newBuilder();
    request.getResultsList().forEach(r -> reply.addApplied(true));
    response.onNext(reply.build());
    response.onCompleted();
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    heartbeats.add(request);
    HeartbeatResponse.Builder reply = HeartbeatResponse.newBuilder();
    request.getTaskIdsList().stream().filter(cancelled::contains).forEach(reply::addCancelledTaskIds);
    response.onNext(reply.build());
    response.onCompleted();
  }

  @Override
  public void close() {
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
