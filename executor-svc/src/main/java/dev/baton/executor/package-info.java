/**
 * The executor service: {@link dev.baton.executor.ExecutorNode} wires it from
 * {@link dev.baton.executor.ExecutorConfig}; {@link dev.baton.executor.ExecutorMain} runs it as a process.
 * Sub-packages: {@code queue} (reading task streams), {@code run} (running attempts), {@code orchestrator}
 * (the gRPC conversation with the orchestrator), {@code circuit} (providers' circuit breakers in
 * Redis), {@code handlers} (built-in step handlers).
 * The executor holds no durable state: the orchestrator owns every task's fate. It must not touch
 * PostgreSQL; it talks to the orchestrator only through the gRPC {@code ExecutorService} (internal:
 * {@code baton.internal.v1}) and uses none of its classes ({@code ArchitectureTest}).
 */
package dev.baton.executor;
