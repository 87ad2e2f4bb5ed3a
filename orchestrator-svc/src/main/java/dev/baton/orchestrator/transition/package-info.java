/**
 * Transitions: each event of an execution (start, task result, child finished, cancel, a person's
 * action, a lapsed lease or due retry) read from the store, decided by the pure {@link
 * dev.baton.orchestrator.engine.ExecutionEngine}, written in one transaction, then dispatched and
 * published. {@link dev.baton.orchestrator.transition.ExecutionDriver} runs one transaction,
 * {@link dev.baton.orchestrator.transition.TransitionBatcher} groups many into one commit, and
 * {@link dev.baton.orchestrator.transition.LeaseReconciler} finds the timers and lost work that
 * are due. The only package that uses engine, store and dispatch together.
 */
package dev.baton.orchestrator.transition;
