/**
 * Running step attempts: the handler registry, the bounded worker pool, local start-to-close and
 * heartbeat timeouts, cancellation, and turning what a handler returns or throws into a TaskResult.
 * Knows nothing of Redis or gRPC; results leave through a plain consumer.
 */
package dev.baton.executor.run;
