package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepHandler;

/** {@code noop}: returns its input ({} without input). For wiring tests and placeholder steps. */
public final class NoopHandler implements StepHandler {

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public JsonNode handle(StepContext context) {
    JsonNode input = context.input();
    return input == null || input.isNull() || input.isMissingNode() ? Json.NODES.objectNode() : input;
  }
}
