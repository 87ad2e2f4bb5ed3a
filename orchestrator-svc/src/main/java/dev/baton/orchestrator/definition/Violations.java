package dev.baton.orchestrator.definition;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a definition, each message prefixed by the path of the field it is about. */
final class Violations {
  private final List<String> messages = new ArrayList<>();

  void add(String path, String message) {
    messages.add(path + ": " + message);
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  int count() {
    return messages.size();
  }

  List<String> list() {
    return List.copyOf(messages);
  }

  void throwIfAny() throws InvalidDefinitionException {
    if (!messages.isEmpty()) {
      throw new InvalidDefinitionException(messages);
    }
  }
}
