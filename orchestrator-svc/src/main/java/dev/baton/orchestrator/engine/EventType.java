package dev.baton.orchestrator.engine;

/** Kinds of entries in the execution event log (table execution_events). */
public enum EventType {
  EXECUTION_STARTED,
  EXECUTION_SUCCEEDED,
  EXECUTION_FAILED,
  EXECUTION_CANCELLED,
  STEP_STARTED,
  STEP_SKIPPED,
  STEP_SUCCEEDED,
  STEP_FAILED,
  STEP_CANCELLED,
  /** A task (attempt) was put on a queue or started as a child execution. */
  TASK_DISPATCHED,
  /** A task was put on its queue again because its lease lapsed (executor died or Redis lost it). */
  TASK_REDELIVERED,
  /** One forEach element finished. */
  ITEM_SUCCEEDED,
  /** One forEach element was skipped by a recovery rule (its output is the rule's substitute). */
  ITEM_SKIPPED,
  /** An attempt failed; payload says whether and when a retry follows. */
  ATTEMPT_FAILED,
  /**
   * A recovery rule ({@code onError}) decided about a failure; payload: rule, ruleIndex,
   * workflowDefault, action (RETRY, FALLBACK, SKIP, FAIL), code, and for retry/fallback
   * nextAttempt, retryAt, handler, provider; for intervene reason and notify.
   */
  RECOVERY_APPLIED,
  /**
   * A person acted (WorkflowService intervention calls); payload: action (RESUME_STEP, RETRY_STEP,
   * SKIP_STEP, FAIL_STEP, PAUSE, RESUME), actor, reason, and what they gave (inputJson, configJson,
   * outputJson). Logged before the changes it causes.
   */
  INTERVENTION,
  /**
   * The execution's status changed without it ending: to WAITING_FOR_INTERVENTION, PAUSED or
   * RUNNING (also a FAILED execution re-opened by a person); payload: status, from.
   */
  EXECUTION_STATUS_CHANGED,
  /** A step goes back to PENDING to run again from scratch (a person retried or resumed it); payload: reason. */
  STEP_RESET
}
