/**
 * The all-in-one local platform: every service in one JVM, with embedded PostgreSQL and Redis
 * unless external ones are configured. {@code bin/baton dev} runs it; the integration tests and
 * the benchmark assemble the very same {@link dev.baton.dev.LocalPlatform}.
 */
package dev.baton.dev;
