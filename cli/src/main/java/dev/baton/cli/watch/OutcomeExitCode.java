package dev.baton.cli.watch;

import dev.baton.proto.v1.ExecutionStatus;

/**
 * Exit codes of the commands that follow an execution to its end ({@code run --wait},
 * {@code run --watch}, {@code watch}), so a script can tell the outcomes apart. 1 is also what any
 * command returns when it fails itself (its message is then on stderr), and 2 what a usage error
 * returns (picocli's convention).
 */
public final class OutcomeExitCode {
  public static final int SUCCEEDED = 0;
  public static final int FAILED = 1;
  /** {@code run --wait}: the execution was still running when {@code --timeout} passed. */
  public static final int STILL_RUNNING = 2;
  public static final int CANCELLED = 3;

  /** The text the commands' help shows, in one place so that it cannot drift from the constants. */
  public static final String HELP = "Exit codes: 0 succeeded, 1 failed, 3 cancelled.";

  private OutcomeExitCode() {}

  /** The exit code for an execution's status; anything not terminal is {@link #STILL_RUNNING}. */
  public static int of(ExecutionStatus status) {
    return switch (status) {
      case EXECUTION_STATUS_SUCCEEDED -> SUCCEEDED;
      case EXECUTION_STATUS_FAILED -> FAILED;
      case EXECUTION_STATUS_CANCELLED -> CANCELLED;
      default -> STILL_RUNNING;
    };
  }
}
