package dev.baton.analytics.error;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping of analytics-svc's failures to gRPC statuses, used by every edge (the OTLP/HTTP
 * receiver turns the status into an HTTP code). A caller's mistake keeps its message; a database
 * that cannot be reached or gives up for now is UNAVAILABLE (exporters and clients retry); anything
 * else is a bug here: INTERNAL. Neither of those two says more than what failed: the cause (with
 * host names, SQL) goes to this service's log, never to the caller.
 */
public final class Statuses {
  private static final Logger log = LoggerFactory.getLogger(Statuses.class);
  /** SQLSTATE classes of conditions that pass: connection, transaction rollback (serialization,
   *  deadlock), insufficient resources, operator intervention (e.g. a restart), system error. */
  private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57", "58");

  private Statuses() {}

  /**
   * The status of a call that failed while {@code operation} (e.g. "storing spans", "reading the
   * rollups"): named in the description of UNAVAILABLE and INTERNAL and in the log line.
   */
  public static Status of(Throwable error, String operation) {
    Objects.requireNonNull(error, "error");
    if (error instanceof AnalyticsException e) {
      Status status = switch (e.kind()) {
        case INVALID_REQUEST -> Status.INVALID_ARGUMENT;
        case NOT_FOUND -> Status.NOT_FOUND;
        case TOO_LARGE -> Status.RESOURCE_EXHAUSTED;
      };
      return status.withDescription(e.getMessage());
    }
    if (error instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    if (isStorageUnavailable(error)) {
      log.warn("{} failed, answering UNAVAILABLE so that the caller retries: {}", operation, error.toString());
      return Status.UNAVAILABLE.withDescription(operation + " failed: the database is not available; retry later");
    }
    log.error("{} failed with an internal error", operation, error);
    return Status.INTERNAL.withDescription(operation + " failed: internal error (see the analytics-svc log)");
  }

  /** {@link #of} as the exception a gRPC observer is failed with. */
  public static StatusRuntimeException exception(Throwable error, String operation) {
    return of(error, operation).asRuntimeException();
  }

  private static boolean isStorageUnavailable(Throwable error) {
    if (error instanceof PgException e) {
      String state = e.getSqlState();
      return state != null && state.length() >= 2 && TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, 2));
    }
    // the pool's own failures: connection refused or closed, no connection within its wait
    return error instanceof VertxException || error instanceof IOException || error instanceof TimeoutException;
  }
}
