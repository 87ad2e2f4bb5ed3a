package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import java.util.concurrent.atomic.AtomicInteger;

/** A StepContext for calling one handler directly, with cancellation and heartbeats observable. */
final class FakeStepContext implements StepContext {
  private final JsonNode input;
  private final JsonNode config;
  final AtomicInteger heartbeats = new AtomicInteger();
  volatile boolean cancelled;

  FakeStepContext(String inputJson, String configJson) {
    this.input = Json.parse(inputJson);
    this.config = Json.parse(configJson);
  }

  static FakeStepContext input(String inputJson) {
    return new FakeStepContext(inputJson, "{}");
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
    return "exec-1/step-a/2";
  }

  @Override
  public String tenantId() {
    return "tenant-1";
  }

  @Override
  public String executionId() {
    return "exec-1";
  }

  @Override
  public String workflowName() {
    return "wf";
  }

  @Override
  public String stepId() {
    return "step-a";
  }

  @Override
  public int itemIndex() {
    return -1;
  }

  @Override
  public int attempt() {
    return 2;
  }

  @Override
  public void heartbeat() {
    heartbeats.incrementAndGet();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }
}
