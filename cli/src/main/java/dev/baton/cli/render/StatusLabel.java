package dev.baton.cli.render;

import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;

/** Statuses as the CLI shows them: the proto enum's short name (EXECUTION_STATUS_FAILED prints as FAILED). */
public final class StatusLabel {
  private StatusLabel() {}

  public static String of(ExecutionStatus status) {
    return EnumNames.shortName(status);
  }

  public static String of(StepStatus status) {
    return EnumNames.shortName(status);
  }

  public static boolean isTerminal(ExecutionStatus status) {
    return switch (status) {
      case EXECUTION_STATUS_SUCCEEDED, EXECUTION_STATUS_FAILED, EXECUTION_STATUS_CANCELLED -> true;
      default -> false;
    };
  }
}
