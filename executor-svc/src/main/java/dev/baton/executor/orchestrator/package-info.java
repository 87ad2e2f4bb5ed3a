/**
 * The executor's side of the orchestrator's ExecutorService API: registration, lease heartbeats
 * (and the cancellations they return), and batched, retried result reporting.
 */
package dev.baton.executor.orchestrator;
