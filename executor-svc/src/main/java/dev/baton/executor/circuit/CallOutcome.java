package dev.baton.executor.circuit;

/** What a call that went through says about its provider. */
public enum CallOutcome {
  /** The handler returned: the provider works. */
  SUCCESS,
  /** The handler reported a provider fault. */
  FAILURE,
  /** Nothing about the provider: the handler's own error, rejected input, a cancelled attempt. */
  NEUTRAL
}
