package dev.baton.progress.api;

import dev.baton.common.tenant.Tenants;
import dev.baton.progress.error.ProgressException;
import dev.baton.progress.hub.ProgressHub;
import dev.baton.proto.v1.ExecutionListUpdate;
import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import dev.baton.proto.v1.WatchExecutionsRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The ProgressService gRPC API: validates requests and starts streams on the hub. */
public final class ProgressApi extends ProgressServiceGrpc.ProgressServiceImplBase {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ProgressHub hub;
  private final ListWatches lists;
  private final WatchLimits limits;
  private final Clock clock;
  private final WatchMetrics metrics;

  public ProgressApi(ProgressHub hub, ListWatches lists, WatchLimits limits, Clock clock, WatchMetrics metrics) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.lists = Objects.requireNonNull(lists, "lists");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void watchExecution(WatchExecutionRequest request, StreamObserver<ExecutionUpdate> observer) {
    ServerCallStreamObserver<ExecutionUpdate> call = (ServerCallStreamObserver<ExecutionUpdate>) observer;
    UUID id;
    try {
      id = executionId(request.getExecutionId());
      if (request.getResumeAfter() < 0) {
        throw new ProgressException.InvalidRequest("resume_after: " + request.getResumeAfter() + " (expected: >= 0)");
      }
    } catch (ProgressException e) {
      call.onError(Statuses.of(e).asRuntimeException());
      return;
    }
    WatchStream stream = new WatchStream(call, hub, id.toString(), limits, clock, metrics);
    hub.watch(Tenants.current(), id, request.getResumeAfter(), stream).onFailure(stream::fail);
  }

  @Override
  public void watchExecutions(WatchExecutionsRequest request, StreamObserver<ExecutionListUpdate> observer) {
    ServerCallStreamObserver<ExecutionListUpdate> call = (ServerCallStreamObserver<ExecutionListUpdate>) observer;
    try {
      lists.start(Tenants.current(), ListFilter.of(request), call);
    } catch (ProgressException e) {
      call.onError(Statuses.of(e).asRuntimeException());
    }
  }

  private static UUID executionId(String text) {
    if (text.isEmpty()) {
      throw new ProgressException.InvalidRequest("execution_id: missing (expected: a UUID)");
    }
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new ProgressException.InvalidRequest("execution_id: '" + text + "' (expected: a UUID)");
    }
    return UUID.fromString(text);
  }
}
