package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.OrchestratorException;
import java.util.UUID;

/** Parses ids from requests, naming the field when malformed. */
final class Ids {
  private Ids() {}

  static UUID parse(String field, String value) {
    if (value == null || value.isBlank()) {
      throw OrchestratorException.invalid(field + ": required");
    }
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw OrchestratorException.invalid(field + ": '" + value + "' (expected: a UUID)");
    }
  }
}
