package dev.baton.sdk.handler;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler gets for one attempt. */
public interface StepContext {

  /** The evaluated step input (the definition's {@code input} with expressions resolved). */
  JsonNode input();

  /** The step's static {@code config} object (empty object when absent). */
  JsonNode config();

  /**
   * The external system this attempt calls, from the step config's {@code provider} (e.g.
   * "primary", "backup"); empty when the step names none. Calls to a named provider run behind a
   * circuit breaker shared by every executor (per tenant and provider): while it is open the
   * attempt fails with {@code CIRCUIT_OPEN} before the handler is called. Handlers report the
   * provider's own failures with {@link StepFailure#providerFault}.
   */
  default java.util.Optional<String> provider() {
    JsonNode provider = config().path("provider");
    return provider.isTextual() && !provider.asText().isBlank()
        ? java.util.Optional.of(provider.asText()) : java.util.Optional.empty();
  }

  /**
   * Stable for this attempt across redeliveries: {@code <execution>/<step>[<item>]/<attempt>}.
   */
  String idempotencyKey();

  String tenantId();

  String executionId();

  String workflowName();

  String stepId();

  /** Element index inside a forEach step, or -1. */
  int itemIndex();

  /** 1-based attempt number. */
  int attempt();

  /**
   * Tells Baton the attempt is alive. Steps with a heartbeat timeout must call it more often
   * than that timeout; cheap enough to call in a loop.
   */
  void heartbeat();

  /** True once the execution was cancelled or the attempt timed out; long handlers should stop. */
  boolean isCancelled();

  /**
   * An OpenTelemetry tracer for the handler's own spans (a call to another system, a costly
   * computation). While {@code handle} runs, the current context is the attempt's {@code baton.run}
   * span, so spans started with this tracer (or by OTel-instrumented libraries) become its
   * children and land in the execution's trace. Defaults to a no-op tracer.
   */
  default io.opentelemetry.api.trace.Tracer tracer() {
    return io.opentelemetry.api.OpenTelemetry.noop().getTracer("dev.baton.sdk");
  }
}
