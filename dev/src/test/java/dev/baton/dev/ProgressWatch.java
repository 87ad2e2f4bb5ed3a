package dev.baton.dev;

import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A WatchExecution stream read by a plain grpc-java client: collects every update and how it ended. */
final class ProgressWatch implements StreamObserver<ExecutionUpdate> {
  private final List<ExecutionUpdate> updates = new ArrayList<>();
  private final Context.CancellableContext context = Context.current().withCancellation();
  final CompletableFuture<Status> end = new CompletableFuture<>();
  private volatile Instant endedAt;

  static ProgressServiceGrpc.ProgressServiceStub stub(Channel channel, BatonCredentials key) {
    return ProgressServiceGrpc.newStub(channel).withInterceptors(key.interceptor());
  }

  /** Watches with {@code key}, whose tenant decides which executions it may see. */
  static ProgressWatch start(Channel channel, BatonCredentials key, String executionId, long resumeAfter) {
    ProgressWatch watch = new ProgressWatch();
    watch.context.run(() -> stub(channel, key).watchExecution(WatchExecutionRequest.newBuilder()
        .setExecutionId(executionId).setResumeAfter(resumeAfter).build(), watch));
    return watch;
  }

  /** Disconnects, like a client going away; returns once the stream has ended. */
  void cancel() {
    context.cancel(null);
    awaitEnd(Duration.ofSeconds(10));
  }

  @Override
  public synchronized void onNext(ExecutionUpdate update) {
    updates.add(update);
  }

  @Override
  public void onError(Throwable t) {
    endedAt = Instant.now();
    end.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    endedAt = Instant.now();
    end.complete(Status.OK);
  }

  /** When the stream ended, as seen by this client. */
  Instant endedAt() {
    return endedAt;
  }

  synchronized List<ExecutionUpdate> updates() {
    return List.copyOf(updates);
  }

  /** Sequences of the events received (snapshot and progress-only updates carry none). */
  synchronized List<Long> eventSequences() {
    return updates.stream().filter(ExecutionUpdate::hasEvent).map(u -> u.getEvent().getSequence()).toList();
  }

  synchronized long lastSequence() {
    return updates.isEmpty() ? 0 : updates.get(updates.size() - 1).getProgress().getSequence();
  }

  Status awaitEnd(Duration timeout) {
    try {
      return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("watch did not end within " + timeout + " (" + updates().size() + " updates so far)", e);
    }
  }
}
