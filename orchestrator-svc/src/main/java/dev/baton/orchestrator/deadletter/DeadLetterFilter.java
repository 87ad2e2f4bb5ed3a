package dev.baton.orchestrator.deadletter;

import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Which FAILED executions a dead-letter call is about (the validated FailedExecutionFilter); null
 * fields match everything. Failure time is [failedAfter, failedBefore).
 */
public record DeadLetterFilter(String workflowName, String errorCode, Instant failedAfter, Instant failedBefore) {
  public static final DeadLetterFilter ANY = new DeadLetterFilter(null, null, null, null);

  public DeadLetterFilter {
    if (failedAfter != null && failedBefore != null && !failedBefore.isAfter(failedAfter)) {
      throw new IllegalArgumentException("failedBefore " + failedBefore + " is not after failedAfter " + failedAfter);
    }
  }

  public boolean isEmpty() {
    return equals(ANY);
  }

  /**
   * Why the execution, read under its lock, is not (any more) a dead letter of this filter; empty
   * when it is. The bulk retry checks this again because the listing it acts on was read earlier.
   */
  public Optional<String> mismatch(ExecutionRecord e) {
    if (e.status() != ExecutionStatus.EXECUTION_STATUS_FAILED) {
      return Optional.of("it is " + EnumNames.shortName(e.status()) + " now (expected: FAILED)");
    }
    if (e.parentExecutionId != null) {
      return Optional.of("it is a child of execution " + e.parentExecutionId + " (retry the parent)");
    }
    if (workflowName != null && !workflowName.equals(e.workflowName)) {
      return Optional.of("it belongs to workflow " + e.workflowName + " (filter: " + workflowName + ")");
    }
    String code = e.error() == null ? "" : e.error().getCode();
    if (errorCode != null && !errorCode.equals(code)) {
      return Optional.of("its last error is " + (code.isEmpty() ? "without a code" : code) + " now (filter: "
          + errorCode + ")");
    }
    Instant at = e.finishedAt();
    if (failedAfter != null && (at == null || at.isBefore(failedAfter))) {
      return Optional.of("it failed at " + at + ", before " + failedAfter);
    }
    if (failedBefore != null && (at == null || !at.isBefore(failedBefore))) {
      return Optional.of("it failed at " + at + ", not before " + failedBefore);
    }
    return Optional.empty();
  }
}
