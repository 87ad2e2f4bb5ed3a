package dev.baton.orchestrator.engine;

/** Lifecycle of one task row (one attempt of a step or of one forEach element). */
public enum TaskStatus {
  /** Waiting for its retry backoff to end ({@code due_at}). */
  SCHEDULED,
  /** On a Redis stream, not yet reported running. */
  QUEUED,
  /** An executor heartbeated it, or a child execution runs it. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isOpen() {
    return this == SCHEDULED || this == QUEUED || this == RUNNING;
  }
}
