/**
 * The step-throughput benchmark ({@code bin/bench}): runs 3-step noop chains against the local
 * platform on real PostgreSQL and Redis and reports throughput, latency, the PostgreSQL ceiling
 * ratio and memory. A measuring tool, not a test: it asserts nothing and must not be run by CI.
 */
package dev.baton.bench;
