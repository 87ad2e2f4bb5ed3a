package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.StartExecutionRequest;
import java.nio.charset.StandardCharsets;

/**
 * Checks a StartExecution request's fields; every message names the field at fault. The workflow's
 * required inputs are checked once it is resolved ({@code ExecutionCalls}).
 */
final class StartRequestValidator {
  static final int MAX_IDEMPOTENCY_KEY = 200;
  private final int maxInputBytes;

  StartRequestValidator(int maxInputBytes) {
    this.maxInputBytes = maxInputBytes;
  }

  void checkFields(StartExecutionRequest request) {
    if (request.getWorkflowName().isBlank()) {
      throw OrchestratorException.invalid("workflow_name: required");
    }
    if (request.getWorkflowVersion() < 0) {
      throw OrchestratorException.invalid("workflow_version: " + request.getWorkflowVersion() + " (expected: >= 0)");
    }
    if (request.getIdempotencyKey().length() > MAX_IDEMPOTENCY_KEY) {
      throw OrchestratorException.invalid("idempotency_key: " + request.getIdempotencyKey().length()
          + " characters (expected: <= " + MAX_IDEMPOTENCY_KEY + ")");
    }
    int size = request.getInputJson().getBytes(StandardCharsets.UTF_8).length;
    if (size > maxInputBytes) {
      throw OrchestratorException.tooLarge("input_json: " + size + " bytes (expected: <= " + maxInputBytes + ")");
    }
  }

  JsonNode parseInput(StartExecutionRequest request) {
    if (request.getInputJson().isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode input;
    try {
      input = Json.parse(request.getInputJson());
    } catch (IllegalArgumentException e) {
      throw OrchestratorException.invalid("input_json: malformed JSON: " + e.getMessage());
    }
    if (input == null || !input.isObject()) {
      throw OrchestratorException.invalid("input_json: expected a JSON object, got "
          + (input == null ? "nothing" : input.getNodeType().toString().toLowerCase()));
    }
    return input;
  }
}
