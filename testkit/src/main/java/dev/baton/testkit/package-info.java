/**
 * Test fixtures shared by Baton's modules (a test-scoped dependency only): {@link TestPostgres} and
 * {@link TestRedis} use this machine's servers when they answer and fall back to embedded ones, so
 * every integration test runs the same on a laptop without them; {@link MutableClock} for code that
 * takes a {@link java.time.Clock}; {@link Leftovers} to prove a component left no thread or
 * database session behind; {@link ServedMethods} to see which gRPC methods a running server binds;
 * {@link ArchitectureRules}, the rules each module's {@code ArchitectureTest} checks (no package
 * cycles, no grab-bag names, services apart).
 * It depends on no Baton module, so that every module (common too) can use it; its own
 * {@code ArchitectureTest} keeps it so.
 */
package dev.baton.testkit;
