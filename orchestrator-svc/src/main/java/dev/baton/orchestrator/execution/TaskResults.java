package dev.baton.orchestrator.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.transition.ExecutionDriver;
import dev.baton.orchestrator.transition.TransitionBatcher;
import dev.baton.proto.v1.StepError;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Executors' results, applied exactly once: each in the group commit, only while its task is still
 * open (a duplicate, late or cancelled result changes nothing).
 */
public final class TaskResults {
  private final ExecutionDriver driver;
  private final TransitionBatcher batcher;

  public TaskResults(ExecutionDriver driver, TransitionBatcher batcher) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
  }

  /** One attempt's result; {@code runStartedAt} (when the handler began) may be null. */
  public sealed interface Result {
    UUID taskId();
  }

  /** The handler returned {@code output} (null: none). */
  public record Succeeded(UUID taskId, JsonNode output, Instant runStartedAt) implements Result {}

  /** The handler, or the executor on its behalf, failed with {@code error}. */
  public record Failed(UUID taskId, StepError error, Instant runStartedAt) implements Result {}

  /** Applies the results; per result, in order, whether it changed anything. */
  public Future<List<Boolean>> apply(List<? extends Result> results) {
    List<ExecutionDriver.TaskEvent> events = results.stream().map(this::event).toList();
    return batcher.submit(events).map(outcomes -> outcomes.stream().map(ExecutionDriver.Outcome::applied).toList());
  }

  private ExecutionDriver.TaskEvent event(Result result) {
    if (result instanceof Succeeded s) {
      return driver.succeeded(s.taskId(), s.output(), s.runStartedAt());
    }
    Failed f = (Failed) result;
    return driver.failed(f.taskId(), f.error(), f.runStartedAt());
  }
}
