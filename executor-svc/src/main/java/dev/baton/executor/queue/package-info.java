/**
 * Consuming task queues (Redis Streams, consumer group "executors"): reading only as much as there
 * is capacity for, acknowledging and deleting entries on receipt, surviving a flushed Redis.
 * Owns the executor side of the queue protocol; must not decide anything about a task's outcome.
 */
package dev.baton.executor.queue;
