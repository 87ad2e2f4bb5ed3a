package dev.baton.sdk.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The code that runs one step attempt. Executors find implementations with
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/dev.baton.sdk.handler.StepHandler}).
 *
 * <p>Delivery is at least once: the same attempt may run again after an executor dies. Handlers
 * with side effects pass {@link StepContext#idempotencyKey()} to the systems they call.
 */
public interface StepHandler {

  /** The name definitions use in {@code handler:}; lower-case letters, digits and '-'. */
  String name();

  /**
   * Runs one attempt on an executor worker thread (blocking is fine). Returns the step's output.
   *
   * @throws StepFailure for a typed failure (code, message, retryable or not)
   * @throws Exception anything else fails the attempt with code HANDLER_ERROR, retryable
   */
  JsonNode handle(StepContext context) throws Exception;
}
