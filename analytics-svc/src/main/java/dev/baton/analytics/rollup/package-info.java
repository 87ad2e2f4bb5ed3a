/**
 * Rollups: finished executions' spans aggregated per tenant, workflow, version, step (or external
 * host) and minute, with mergeable duration sketches; the critical path of each execution; the
 * job that claims executions (safe with several replicas) and the raw-span retention.
 */
package dev.baton.analytics.rollup;
