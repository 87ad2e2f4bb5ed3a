package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepContext;
import dev.baton.sdk.handler.StepFailure;

/**
 * A built-in handler's setting, looked up in the step input first and then in its static config, so
 * a definition can fix a value in {@code config} and still compute others in {@code input}.
 */
record StepFields(StepContext context) {

  /** The field, or null when neither input nor config has it. */
  JsonNode get(String name) {
    JsonNode value = context.input() == null ? null : context.input().get(name);
    if (value == null || value.isNull()) {
      value = context.config() == null ? null : context.config().get(name);
    }
    return value == null || value.isNull() ? null : value;
  }

  /** A text field; {@code fallback} when absent. */
  String text(String name, String fallback) throws StepFailure {
    JsonNode value = get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw invalid(name, value, "a string");
    }
    return value.asText();
  }

  static StepFailure invalid(String name, JsonNode value, String expected) {
    return StepFailure.permanent(BuiltinCode.INVALID_INPUT.name(), name + ": " + value + " (expected: " + expected + ")");
  }
}
