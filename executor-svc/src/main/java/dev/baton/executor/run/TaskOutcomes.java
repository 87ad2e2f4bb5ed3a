package dev.baton.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepFailure;
import java.time.Instant;

/** Builds the {@link TaskResult} of an attempt from what its handler returned or threw. */
final class TaskOutcomes {
  private TaskOutcomes() {}

  static TaskResult success(String taskId, JsonNode output) {
    return TaskResult.newBuilder()
        .setTaskId(taskId)
        .setOutputJson(output == null ? "null" : Json.write(output))
        .build();
  }

  static TaskResult failure(String taskId, String code, String message, boolean retryable) {
    return TaskResult.newBuilder()
        .setTaskId(taskId)
        .setError(StepError.newBuilder().setCode(code).setMessage(message).setRetryable(retryable))
        .build();
  }

  /** A StepFailure keeps its code and retryability; anything else is a retryable HANDLER_ERROR. */
  static TaskResult thrown(String taskId, Throwable error) {
    if (error instanceof StepFailure failure) {
      return failure(taskId, failure.code(), String.valueOf(failure.getMessage()), failure.retryable());
    }
    String message = error.getMessage() == null
        ? error.getClass().getName()
        : error.getClass().getSimpleName() + ": " + error.getMessage();
    return failure(taskId, BuiltinCode.HANDLER_ERROR.name(), message, true);
  }

  /** Stamps when the attempt began running here, so that its queue wait and run time can be told apart. */
  static TaskResult startedAt(TaskResult result, Instant startedAt) {
    return result.toBuilder()
        .setStartTime(Timestamp.newBuilder().setSeconds(startedAt.getEpochSecond()).setNanos(startedAt.getNano()))
        .build();
  }
}
