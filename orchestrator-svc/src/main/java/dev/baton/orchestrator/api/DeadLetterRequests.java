package dev.baton.orchestrator.api;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.FailedExecutionFilter;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import java.time.Instant;

/** Checks the fields of ListFailedExecutions and RetryFailedExecutions; every message names the field at fault. */
final class DeadLetterRequests {
  static final int MAX_RETRY_LIMIT = 500;
  static final int DEFAULT_RETRY_LIMIT = 100;

  private DeadLetterRequests() {}

  static DeadLetterFilter filter(FailedExecutionFilter f) {
    Instant after = time("filter.failed_after", f.hasFailedAfter(), f.getFailedAfter());
    Instant before = time("filter.failed_before", f.hasFailedBefore(), f.getFailedBefore());
    if (after != null && before != null && !before.isAfter(after)) {
      throw OrchestratorException.invalid("filter.failed_before: " + before + " (expected: after filter.failed_after "
          + after + ")");
    }
    return new DeadLetterFilter(f.getWorkflowName().isEmpty() ? null : f.getWorkflowName(),
        f.getErrorCode().isEmpty() ? null : f.getErrorCode(), after, before);
  }

  /**
   * The executions a bulk retry is about: a filter, or {@code all} alone. Requiring one of them
   * keeps an empty request (a client that forgot the filter) from re-running every failure.
   */
  static DeadLetterFilter retryScope(RetryFailedExecutionsRequest request) {
    DeadLetterFilter filter = filter(request.getFilter());
    if (request.getAll() && !filter.isEmpty()) {
      throw OrchestratorException.invalid("all: true together with a filter (expected: either all, or filter fields)");
    }
    if (!request.getAll() && filter.isEmpty()) {
      throw OrchestratorException.invalid("filter: required (set workflow_name, error_code, failed_after or "
          + "failed_before; or all: true to retry every failed execution)");
    }
    return filter;
  }

  static int retryLimit(int requested) {
    if (requested < 0 || requested > MAX_RETRY_LIMIT) {
      throw OrchestratorException.invalid("limit: " + requested + " (expected: 1.." + MAX_RETRY_LIMIT + ")");
    }
    return requested == 0 ? DEFAULT_RETRY_LIMIT : requested;
  }

  private static Instant time(String field, boolean present, Timestamp t) {
    if (!present) {
      return null;
    }
    if (!Timestamps.isValid(t)) {
      throw OrchestratorException.invalid(field + ": " + t.getSeconds() + "s " + t.getNanos()
          + "ns (expected: a valid timestamp between 0001-01-01 and 9999-12-31)");
    }
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
