/**
 * The orchestrator: owns workflow definitions and executions in PostgreSQL (the source of truth),
 * dispatches ready steps to Redis Streams task queues and applies executors' results exactly once.
 *
 * <p>Packages and what each uses; none is in a cycle ({@code ArchitectureTest}):
 * <pre>
 *   api         the gRPC edge: maps requests and responses     -> execution, deadletter, definition,
 *                                                                  store (workflows, handlers, leases),
 *                                                                  circuit, notify
 *   execution   what callers do with executions                -> transition, store, engine, deadletter,
 *               (ExecutionCalls, TaskResults)                      definition
 *   transition  one transaction per event: read, decide,       -> engine, store, dispatch, metrics,
 *               write, then dispatch (driver, batcher,             definition
 *               lease reconciler)
 *   dispatch    Redis task queues, the event stream, spans     -> engine (values), metrics
 *   notify      admin notifications                            -> store, definition
 *   store       SQL: transition reads and writes, queries      -> engine (values), deadletter, definition
 *   deadletter  which FAILED executions a dead-letter call is  -> engine (values)
 *   engine      the rules of an execution, pure                -> definition
 *   definition  parse, validate, compile definitions; CEL
 *   circuit, metrics: circuit breaker states, meters.
 *   error       OrchestratorException, the one exception root  (used by any of the above)
 * </pre>
 * This package only wires them ({@code Orchestrator}) and reads the configuration; nothing below
 * depends on it.
 * Must not touch: executor internals, progress or analytics state. progress-svc reads only the
 * views of schema {@code progress_read} (db/migration), never the tables behind them.
 */
package dev.baton.orchestrator;
