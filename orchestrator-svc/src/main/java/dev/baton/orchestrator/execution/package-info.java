/**
 * What callers do with executions, behind the gRPC layer: {@link
 * dev.baton.orchestrator.execution.ExecutionCalls} (start, get, list, cancel, a person's {@link
 * dev.baton.orchestrator.execution.ManualAction}, dead letters and their bulk retry) and {@link
 * dev.baton.orchestrator.execution.TaskResults} (executors' results). Callers pass validated
 * values and get the API's messages; engine, store and transition stay behind these classes.
 */
package dev.baton.orchestrator.execution;
