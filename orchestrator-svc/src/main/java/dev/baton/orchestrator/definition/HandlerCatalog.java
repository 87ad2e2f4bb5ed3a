package dev.baton.orchestrator.definition;

/**
 * Which step handlers the executors registered on which task queue. Consulted when a definition is
 * applied, so that a step naming a handler nobody runs is rejected instead of waiting forever.
 */
@FunctionalInterface
public interface HandlerCatalog {
  boolean provides(String taskQueue, String handler);
}
