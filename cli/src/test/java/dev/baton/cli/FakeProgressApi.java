package dev.baton.cli;

import dev.baton.proto.v1.ExecutionUpdate;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WatchExecutionRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in for progress-svc's WatchExecution on a real gRPC server (random port): each call
 * plays the next scripted stream (updates, then completion or an error) and records what it was
 * asked. It tests the CLI's rendering, resuming and exit codes; the CLI against the real
 * progress-svc is tested end to end in the dev module.
 */
public final class FakeProgressApi extends ProgressServiceGrpc.ProgressServiceImplBase implements AutoCloseable {
  /** One call's answer: these updates, then {@code end} (null: the stream completes normally). */
  record Stream(List<ExecutionUpdate> updates, Status end) {}

  public final List<WatchExecutionRequest> requests = Collections.synchronizedList(new ArrayList<>());
  /** The authorization header of each call, in order. */
  final List<String> authorizations;
  private final Deque<Stream> streams = new ArrayDeque<>();
  private final FakeServer server;

  public FakeProgressApi() {
    server = new FakeServer(this);
    authorizations = server.authorizations;
  }

  public String target() {
    return server.target();
  }

  /** The next call streams these updates and completes. */
  public FakeProgressApi thenStream(List<ExecutionUpdate> updates) {
    return then(new Stream(updates, null));
  }

  /** The next call streams these updates, then fails with {@code status}. */
  public FakeProgressApi thenStreamAndFail(List<ExecutionUpdate> updates, Status status) {
    return then(new Stream(updates, status));
  }

  private FakeProgressApi then(Stream stream) {
    synchronized (streams) {
      streams.add(stream);
    }
    return this;
  }

  @Override
  public void watchExecution(WatchExecutionRequest request, StreamObserver<ExecutionUpdate> response) {
    requests.add(request);
    Stream stream;
    synchronized (streams) {
      stream = streams.poll();
    }
    if (stream == null) {
      response.onError(Status.FAILED_PRECONDITION.withDescription("no scripted stream left").asRuntimeException());
      return;
    }
    stream.updates().forEach(response::onNext);
    if (stream.end() == null) {
      response.onCompleted();
    } else {
      response.onError(stream.end().asRuntimeException());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
