package dev.baton.orchestrator.engine;

/** How a task runs: on an executor through a task queue, or as a child execution. */
public enum TaskKind {
  HANDLER,
  CHILD
}
