package dev.baton.executor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.internal.v1.Task;
import dev.baton.sdk.handler.StepContext;
import io.opentelemetry.api.trace.Tracer;

/** What a handler sees of its attempt; heartbeat and cancellation go to the running task. */
final class AttemptContext implements StepContext {
  private final RunningTask running;
  private final JsonNode input;
  private final JsonNode config;
  private final Tracer tracer;

  AttemptContext(RunningTask running, JsonNode input, JsonNode config, Tracer tracer) {
    this.running = running;
    this.input = input;
    this.config = config;
    this.tracer = tracer;
  }

  private Task task() {
    return running.task();
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public JsonNode config() {
    return config;
  }

  @Override
  public String idempotencyKey() {
    return task().getIdempotencyKey();
  }

  @Override
  public String tenantId() {
    return task().getTenantId();
  }

  @Override
  public String executionId() {
    return task().getExecutionId();
  }

  @Override
  public String workflowName() {
    return task().getWorkflowName();
  }

  @Override
  public String stepId() {
    return task().getStepId();
  }

  @Override
  public int itemIndex() {
    return task().getItemIndex();
  }

  @Override
  public int attempt() {
    return task().getAttempt();
  }

  @Override
  public void heartbeat() {
    running.heartbeat();
  }

  @Override
  public boolean isCancelled() {
    return running.isCancelled();
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }
}
