/**
 * The orchestrator: owns workflow definitions and executions in PostgreSQL (the source of truth),
 * dispatches ready steps to Redis Streams task queues and applies executors' results exactly once.
 *
 * <p>Packages: {@code definition} (parse, validate, compile definitions; CEL), {@code engine} (the
 * rules of an execution, pure, and the driver that runs each transition in one transaction),
 * {@code store} (SQL), {@code dispatch} (Redis queues, timers, the lease reconciler), {@code api}
 * (the gRPC edge). Must not touch: executor internals, progress or analytics state.
 */
package dev.baton.orchestrator;
