package dev.baton.orchestrator.engine;

import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;

/** Short names of the proto enums ("RUNNING"), as stored in the database and shown to expressions. */
public final class StepStatuses {
  private static final String STEP_PREFIX = "STEP_STATUS_";
  private static final String EXECUTION_PREFIX = "EXECUTION_STATUS_";

  private StepStatuses() {}

  public static String shortName(StepStatus status) {
    return status.name().substring(STEP_PREFIX.length());
  }

  public static StepStatus stepStatus(String shortName) {
    return StepStatus.valueOf(STEP_PREFIX + shortName);
  }

  public static String shortName(ExecutionStatus status) {
    return status.name().substring(EXECUTION_PREFIX.length());
  }

  public static ExecutionStatus executionStatus(String shortName) {
    return ExecutionStatus.valueOf(EXECUTION_PREFIX + shortName);
  }
}
