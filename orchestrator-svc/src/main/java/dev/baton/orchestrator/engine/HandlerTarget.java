package dev.baton.orchestrator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.orchestrator.definition.CompiledStep;

/** The handler an attempt runs and the config it runs with: the step's own, or a fallback's. */
record HandlerTarget(String handler, JsonNode config) {
  static HandlerTarget of(CompiledStep def) {
    return new HandlerTarget(def.handler(), def.config());
  }

  /** The config's {@code provider} value, "" when none. */
  String provider() {
    return CompiledStep.provider(config);
  }
}
