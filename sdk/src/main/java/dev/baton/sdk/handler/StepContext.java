package dev.baton.sdk.handler;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler gets for one attempt. */
public interface StepContext {

  /** The evaluated step input (the definition's {@code input} with expressions resolved). */
  JsonNode input();

  /** The step's static {@code config} object (empty object when absent). */
  JsonNode config();

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
