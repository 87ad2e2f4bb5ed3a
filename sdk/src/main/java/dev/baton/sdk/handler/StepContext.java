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
}
