/**
 * progress-svc: turns execution events into live progress (percent, running steps, per-step
 * timeline, errors, ETA) and streams it over gRPC and gRPC-Web with resume ({@code
 * baton.v1.ProgressService}). Wiring: {@link dev.baton.progress.ProgressServer}.
 *
 * <p>Owns no table. It reads only the orchestrator's read contract for it, the views
 * {@code progress_read.executions}, {@code progress_read.workflow_versions} and
 * {@code progress_read.execution_events} (created and documented by the orchestrator's migration
 * V8__progress_read_contract.sql), never the tables behind them; and it reads the Redis event
 * fan-out stream. It never writes to PostgreSQL nor to Redis. Packages: {@code model} (the pure fold of events into
 * progress), {@code eta} (estimates from history), {@code store} (the read queries),
 * {@code fanout} (the Redis reader), {@code hub} (trackers of watched executions, backfill),
 * {@code api} (the gRPC service and its streams), {@code error} (the exception root). None is in a
 * package cycle ({@code ArchitectureTest}): this package only wires them and nothing depends on it.
 */
package dev.baton.progress;
