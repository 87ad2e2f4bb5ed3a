package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.definition.CompiledStep;

/** The handler an attempt runs and the config it runs with: the step's own, or a fallback's. */
record HandlerTarget(String handler, JsonNode config) {
  static HandlerTarget of(CompiledStep def) {
    return new HandlerTarget(def.handler(), def.config());
  }

  /** The step's own handler, with the config a person gave with ResumeStep if any. */
  static HandlerTarget of(CompiledStep def, dev.baton.proto.v1.StepRecovery recovery) {
    String override = recovery.getManualOverride().getConfigJson();
    return override.isEmpty() ? of(def) : new HandlerTarget(def.handler(), dev.baton.common.json.Json.parse(override));
  }

  /** The config's {@code provider} value, "" when none. */
  String provider() {
    return CompiledStep.provider(config);
  }
}
