package dev.baton.analytics.rollup;

/**
 * The time one step spent on its execution's critical path, and how much of it was queue wait,
 * run and retry backoff (the rest is orchestration between steps: applying the previous result
 * and dispatching).
 */
public record PathShare(long nanos, long queueNanos, long runNanos, long backoffNanos) {}
