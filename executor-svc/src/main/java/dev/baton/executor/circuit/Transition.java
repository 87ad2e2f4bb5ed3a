package dev.baton.executor.circuit;

/** How recording an outcome changed a breaker. */
public enum Transition {
  NONE,
  /** Closed -> open: the threshold was reached (admins are notified of this one). */
  OPENED,
  /** The half-open probe failed: open for another period. */
  REOPENED,
  /** The half-open probe succeeded. */
  CLOSED
}
