/**
 * Dead letters: FAILED executions found by workflow, error code and failure time, and re-run in
 * bulk through the same intervention as RetryStep.
 */
package dev.baton.orchestrator.deadletter;
