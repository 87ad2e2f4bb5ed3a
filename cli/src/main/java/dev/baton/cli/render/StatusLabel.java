package dev.baton.cli.render;

import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;

/** Proto enum constants without their prefix: EXECUTION_STATUS_FAILED prints as FAILED. */
public final class StatusLabel {
  private StatusLabel() {}

  public static String of(ExecutionStatus status) {
    return strip(status.name(), "EXECUTION_STATUS_");
  }

  public static String of(StepStatus status) {
    return strip(status.name(), "STEP_STATUS_");
  }

  public static boolean isTerminal(ExecutionStatus status) {
    return switch (status) {
      case EXECUTION_STATUS_SUCCEEDED, EXECUTION_STATUS_FAILED, EXECUTION_STATUS_CANCELLED -> true;
      default -> false;
    };
  }

  private static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
