package dev.baton.orchestrator.api;

import dev.baton.common.grpc.FutureReplies;
import dev.baton.common.tenant.Tenants;
import dev.baton.orchestrator.definition.InvalidDefinitionException;
import dev.baton.orchestrator.error.OrchestratorException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes gRPC calls from futures; the one place where a Throwable becomes a gRPC Status. */
public final class Replies {
  private static final Logger log = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** Runs {@code call} (which may also throw synchronously) and answers the observer with its outcome. */
  static <T> void reply(StreamObserver<T> observer, Supplier<Future<T>> call) {
    FutureReplies.reply(observer, call, Replies::toStatus);
  }

  /**
   * {@link #reply} for a call served for the caller's tenant, read here on the calling thread
   * (the gRPC context that carries it is not there once the future completes).
   */
  static <T> void forTenant(StreamObserver<T> observer, Function<String, Future<T>> call) {
    String tenant = Tenants.current();
    reply(observer, () -> call.apply(tenant));
  }

  public static StatusRuntimeException toStatus(Throwable error) {
    if (error instanceof OrchestratorException e) {
      return Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException();
    }
    if (error instanceof InvalidDefinitionException e) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }
    if (error instanceof StatusRuntimeException e) {
      return e;
    }
    log.error("internal error while serving a call", error);
    // the log has the cause; the client gets no host, SQL or class names
    return Status.INTERNAL.withDescription("internal error (the orchestrator's log has the cause)").asRuntimeException();
  }
}
