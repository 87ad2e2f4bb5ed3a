/**
 * The orchestrator's view of the providers' circuit breakers. Executors own them (they write the
 * Redis hashes, see {@code dev.baton.executor.circuit}); this package only reads them for the API.
 */
package dev.baton.orchestrator.circuit;
