/**
 * progress-svc: turns execution events into live progress (percent, running steps, per-step
 * timeline, errors, ETA) and streams it over gRPC and gRPC-Web with resume ({@code
 * baton.v1.ProgressService}). Wiring: {@link dev.baton.progress.ProgressServer}.
 *
 * <p>Owns no table. It READS the orchestrator's executions, workflow_versions and
 * execution_events, and reads the Redis event fan-out stream; it
 * never writes to PostgreSQL nor to Redis. Packages: {@code model} (the pure fold of events into
 * progress), {@code eta} (estimates from history), {@code store} (the read queries),
 * {@code fanout} (the Redis reader), {@code hub} (trackers of watched executions, backfill),
 * {@code api} (the gRPC service and its streams).
 */
package dev.baton.progress;
