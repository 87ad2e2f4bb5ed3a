package dev.baton.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.internal.v1.Task;
import java.util.function.BooleanSupplier;

/**
 * Wraps the handler call of every attempt. The executor puts the providers' circuit breakers here
 * (see {@code dev.baton.executor.circuit}); this package stays free of Redis, and tests run
 * attempts with {@link #NONE}.
 */
@FunctionalInterface
public interface AttemptGuard {

  /** Calls nothing around the handler. */
  AttemptGuard NONE = (task, config, cancelled, handler) -> handler.run();

  /**
   * Runs {@code handler} for {@code task}, or fails the attempt without running it.
   *
   * @param config the step's parsed config
   * @param cancelled true once the attempt was cancelled or timed out (its outcome says nothing of the provider)
   * @throws Exception what the handler threw, or a {@link dev.baton.sdk.handler.StepFailure} of the guard's own
   */
  JsonNode call(Task task, JsonNode config, BooleanSupplier cancelled, HandlerCall handler) throws Exception;

  /** The guarded handler call. */
  @FunctionalInterface
  interface HandlerCall {
    JsonNode run() throws Exception;
  }
}
