package dev.baton.orchestrator.engine;

import static dev.baton.proto.v1.StepStatus.STEP_STATUS_FAILED;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.ExecutionCancelled;
import dev.baton.proto.v1.ExecutionEvent.ExecutionFailed;
import dev.baton.proto.v1.ExecutionEvent.ExecutionSucceeded;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import java.util.Optional;

/**
 * How the engine appends to the execution event log: typed {@link ExecutionEvent} payloads (the
 * payload gives the event its type), collected in the transition's {@link Changes}.
 */
final class EventLog {
  private EventLog() {}

  /** Appends an event; {@code event} has its payload set. {@code item} and {@code attempt} may be null. */
  static void log(Changes changes, ExecutionState state, String stepId, Integer item, Integer attempt,
      ExecutionEvent.Builder event) {
    changes.log(Event.of(state.execution(), stepId, item, attempt, event));
  }

  /** When an executor began running the attempt, for queue-wait vs run timelines; empty when it did not say. */
  static Optional<Timestamp> startedAt(TaskRecord task) {
    return Optional.ofNullable(task.runStartedAt()).map(ItemRecovery::timestamp);
  }

  /** EXECUTION_SUCCEEDED (listing the steps failed as a branch), EXECUTION_FAILED or EXECUTION_CANCELLED. */
  static ExecutionEvent.Builder executionEnded(ExecutionState state, ExecutionStatus status, StepError error) {
    ExecutionEvent.Builder event = ExecutionEvent.newBuilder();
    switch (status) {
      case EXECUTION_STATUS_SUCCEEDED -> event.setExecutionSucceeded(ExecutionSucceeded.newBuilder()
          .addAllFailedSteps(state.steps().values().stream().filter(s -> s.status == STEP_STATUS_FAILED)
              .map(s -> s.stepId).toList()));
      case EXECUTION_STATUS_CANCELLED -> event.setExecutionCancelled(ExecutionCancelled.newBuilder()
          .setCode(error.getCode()).setMessage(error.getMessage()).setStepId(error.getStepId()));
      default -> event.setExecutionFailed(ExecutionFailed.newBuilder()
          .setCode(error.getCode()).setMessage(error.getMessage()).setStepId(error.getStepId()));
    }
    return event;
  }
}
