package dev.baton.common.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/** Completes a unary gRPC call from a Vert.x future. */
public final class FutureReplies {
  private FutureReplies() {}

  /**
   * Runs {@code call} (which may also throw synchronously) and answers the observer with its
   * outcome; a failure becomes the status {@code toStatus} makes of it (each service keeps its one
   * place where its exceptions become gRPC statuses).
   */
  public static <T> void reply(StreamObserver<T> observer, Supplier<Future<T>> call,
      Function<Throwable, StatusRuntimeException> toStatus) {
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        observer.onNext(ar.result());
        observer.onCompleted();
      } else {
        observer.onError(toStatus.apply(ar.cause()));
      }
    });
  }
}
