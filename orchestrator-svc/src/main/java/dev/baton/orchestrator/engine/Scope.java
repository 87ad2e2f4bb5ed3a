package dev.baton.orchestrator.engine;

import dev.baton.common.json.Json;
import dev.baton.proto.EnumNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables CEL expressions see: {@code input}, {@code steps.<id>.{status,output}} of the
 * finished steps, and inside forEach {@code item} and {@code index}.
 */
final class Scope {
  private Scope() {}

  static Map<String, Object> of(ExecutionState state) {
    Map<String, Object> steps = new LinkedHashMap<>();
    for (StepRecord step : state.steps().values()) {
      if (step.isTerminal()) {
        Map<String, Object> view = new HashMap<>();
        view.put("status", EnumNames.shortName(step.status()));
        view.put("output", step.output() == null ? null : Json.toJava(step.output()));
        steps.put(step.stepId, view);
      }
    }
    Map<String, Object> vars = new HashMap<>();
    vars.put("input", Json.toJava(state.execution().input));
    vars.put("steps", steps);
    return vars;
  }

  static Map<String, Object> withItem(Map<String, Object> base, Object item, int index) {
    Map<String, Object> vars = new HashMap<>(base);
    vars.put("item", item);
    vars.put("index", (long) index);
    return vars;
  }
}
