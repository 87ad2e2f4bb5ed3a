/**
 * The orchestrator: owns workflow definitions and executions in PostgreSQL (the source of truth),
 * dispatches ready steps to Redis Streams task queues and applies executors' results exactly once.
 *
 * <p>Packages: {@code definition} (parse, validate, compile definitions; CEL), {@code engine} (the
 * rules of an execution, pure), {@code store} (SQL), {@code dispatch} (Redis queues, the event
 * stream, execution spans), {@code transition} (runs each transition in one transaction: store,
 * engine, dispatch; the lease reconciler), {@code execution} (what callers do with executions),
 * {@code api} (the gRPC edge). No package cycles ({@code ArchitectureTest}). Must not touch:
 * executor internals, progress or analytics state.
 */
package dev.baton.orchestrator;
