package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.Actor;
import java.nio.charset.StandardCharsets;

/** Checks the fields of the intervention calls (ResumeStep, ...); every message names the field at fault. */
final class InterventionRequests {
  static final int MAX_ACTOR = 200;
  static final int MAX_REASON = 2000;
  private final int maxJsonBytes;

  InterventionRequests(int maxJsonBytes) {
    this.maxJsonBytes = maxJsonBytes;
  }

  /** Who acts and why: both required, so that the event log can tell. */
  static Actor actor(boolean present, Actor actor) {
    if (!present || actor.getName().isBlank()) {
      throw OrchestratorException.invalid("actor.name: required (who acts; recorded in the event log)");
    }
    if (actor.getName().length() > MAX_ACTOR) {
      throw OrchestratorException.invalid("actor.name: " + actor.getName().length() + " characters (expected: <= "
          + MAX_ACTOR + ")");
    }
    if (actor.getReason().isBlank()) {
      throw OrchestratorException.invalid("actor.reason: required (why; recorded in the event log)");
    }
    if (actor.getReason().length() > MAX_REASON) {
      throw OrchestratorException.invalid("actor.reason: " + actor.getReason().length() + " characters (expected: <= "
          + MAX_REASON + ")");
    }
    return actor.toBuilder().setName(actor.getName().trim()).setReason(actor.getReason().trim()).build();
  }

  static String stepId(String value) {
    if (value.isBlank()) {
      throw OrchestratorException.invalid("step_id: required");
    }
    return value;
  }

  /** {@code ""} = null (not given); otherwise any JSON value. */
  JsonNode optionalJson(String field, String text) {
    if (text.isBlank()) {
      return null;
    }
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > maxJsonBytes) {
      throw OrchestratorException.tooLarge(field + ": " + size + " bytes (expected: <= " + maxJsonBytes + ")");
    }
    try {
      return Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw OrchestratorException.invalid(field + ": malformed JSON: " + e.getMessage());
    }
  }

  /** As {@link #optionalJson}, but the value must be an object (a handler config). */
  JsonNode optionalObject(String field, String text) {
    JsonNode node = optionalJson(field, text);
    if (node != null && !node.isObject()) {
      throw OrchestratorException.invalid(field + ": expected a JSON object, got " + node.getNodeType().toString()
          .toLowerCase());
    }
    return node;
  }
}
