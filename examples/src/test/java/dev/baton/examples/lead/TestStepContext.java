package dev.baton.examples.lead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import java.util.concurrent.atomic.AtomicInteger;

/** A StepContext for calling handlers directly; counts heartbeats. */
record TestStepContext(
    JsonNode input,
    JsonNode config,
    String idempotencyKey,
    String tenantId,
    String executionId,
    String workflowName,
    String stepId,
    int itemIndex,
    int attempt,
    AtomicInteger heartbeats) implements StepContext {

  static TestStepContext of(String inputJson) {
    return of(inputJson, "{}");
  }

  static TestStepContext of(String inputJson, String configJson) {
    return new TestStepContext(Json.parse(inputJson), Json.parse(configJson), "exec-1/enrich[0]/1",
        "tenant-test", "exec-1", "lead-pipeline", "enrich", 0, 1, new AtomicInteger());
  }

  TestStepContext withIdempotencyKey(String key) {
    return new TestStepContext(input, config, key, tenantId, executionId, workflowName, stepId,
        itemIndex, attempt, heartbeats);
  }

  @Override
  public void heartbeat() {
    heartbeats.incrementAndGet();
  }

  @Override
  public boolean isCancelled() {
    return false;
  }
}
