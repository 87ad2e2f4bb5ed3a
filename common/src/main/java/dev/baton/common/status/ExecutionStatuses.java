package dev.baton.common.status;

import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionStatus;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which execution statuses are final. An execution that waits for a person or is paused has not
 * ended: it is followed, watched and resumable like a running one.
 */
public final class ExecutionStatuses {
  private ExecutionStatuses() {}

  public static boolean isTerminal(ExecutionStatus status) {
    return switch (status) {
      case EXECUTION_STATUS_SUCCEEDED, EXECUTION_STATUS_FAILED, EXECUTION_STATUS_CANCELLED -> true;
      default -> false;
    };
  }

  /**
   * The statuses that have not ended, as stored in the database, for SQL lists:
   * {@code ('RUNNING', 'WAITING_FOR_INTERVENTION', 'PAUSED')}.
   */
  public static final String OPEN_SQL = Arrays.stream(ExecutionStatus.values())
      .filter(s -> s != ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED && s != ExecutionStatus.UNRECOGNIZED
          && !isTerminal(s))
      .map(s -> "'" + EnumNames.shortName(s) + "'")
      .collect(Collectors.joining(", ", "(", ")"));
}
