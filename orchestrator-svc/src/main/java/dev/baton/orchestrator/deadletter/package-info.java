/**
 * Dead letters: which FAILED executions a dead-letter call is about ({@link
 * dev.baton.orchestrator.deadletter.DeadLetterFilter}), as the store queries them and as the bulk
 * retry (package {@code execution}) checks them again under the execution's lock.
 */
package dev.baton.orchestrator.deadletter;
