/**
 * The all-in-one local platform: every service in one JVM, with embedded PostgreSQL and Redis
 * unless external ones are configured. {@code bin/baton dev} runs it; the integration tests and
 * the benchmark assemble the very same {@link dev.baton.dev.LocalPlatform}. It only wires the
 * services through their own entry points and environment variables; it must not hold service
 * logic or reach into a service's internals.
 */
package dev.baton.dev;
