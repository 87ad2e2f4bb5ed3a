package dev.baton.bench;

import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several gRPC channels to one progress-svc, used in turn. Each channel is one HTTP/2 connection,
 * and a connection carries at most as many calls at once as the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS (Vert.x's default is 100): grpc-java holds further calls in the
 * client until a stream closes, so thousands of open watches need thousands / that many channels.
 */
final class WatchChannels implements AutoCloseable {
  private final List<BatonClient> connections;
  private final List<ProgressServiceGrpc.ProgressServiceStub> stubs;
  private final AtomicInteger next = new AtomicInteger();

  private WatchChannels(List<BatonClient> connections, BatonCredentials credentials) {
    this.connections = connections;
    // callbacks run on the transport's thread: the receive time is taken before any hand-off
    this.stubs = connections.stream()
        .map(c -> ProgressServiceGrpc.newStub(c.channel()).withInterceptors(credentials.interceptor())
            .withExecutor(Runnable::run))
        .toList();
  }

  /** {@code count} channels to {@code target}, calling with {@code credentials}. */
  static WatchChannels open(String target, BatonCredentials credentials, int count) {
    Objects.requireNonNull(target, "target");
    if (count < 1) {
      throw new IllegalArgumentException("channels: " + count + " (expected: >= 1)");
    }
    List<BatonClient> connections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      connections.add(BatonClient.connect(target, credentials));
    }
    return new WatchChannels(connections, credentials);
  }

  int size() {
    return connections.size();
  }

  /** Opens one WatchExecution stream on the next channel. */
  void watch(String executionId, long resumeAfter, StreamObserver<ExecutionUpdate> observer) {
    WatchExecutionRequest request = WatchExecutionRequest.newBuilder()
        .setExecutionId(executionId)
        .setResumeAfter(resumeAfter)
        .build();
    stubs.get(Math.floorMod(next.getAndIncrement(), stubs.size())).watchExecution(request, observer);
  }

  @Override
  public void close() {
    connections.forEach(BatonClient::close);
  }
}
