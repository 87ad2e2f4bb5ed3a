package dev.baton.orchestrator.engine;

import dev.baton.orchestrator.definition.CompiledWorkflow;
import java.util.Optional;

/**
 * Child workflows the engine may start, resolved before the transition runs (the engine itself
 * never does I/O). {@code version} 0 means the active version.
 */
@FunctionalInterface
public interface WorkflowLookup {
  Optional<Resolved> resolve(String tenantId, String name, int version);

  record Resolved(int version, CompiledWorkflow workflow) {}
}
