package dev.baton.executor.run;

import dev.baton.proto.internal.v1.Task;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt while it runs here. Several parties race to end it (the handler returning, a local
 * timeout, a cancellation from the orchestrator, shutdown); {@link #decide()} lets exactly one of them
 * report, or suppress, its outcome.
 */
final class RunningTask {
  private final Task task;
  private final Clock clock;
  private final java.time.Instant startedAt;
  private final AttemptTrace trace;
  private final AtomicBoolean decided = new AtomicBoolean();
  private final List<Future<?>> timers = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;
  private volatile long lastHeartbeatMillis;
  private Thread worker; // guarded by this: the thread may move on to another task after detach()

  RunningTask(Task task, Clock clock, io.opentelemetry.api.trace.Tracer tracer) {
    this.task = task;
    this.clock = clock;
    this.lastHeartbeatMillis = clock.millis();
    this.startedAt = clock.instant();
    this.trace = AttemptTrace.start(tracer, task, startedAt);
  }

  Task task() {
    return task;
  }

  String id() {
    return task.getTaskId();
  }

  /** True for the first caller only: that caller owns the outcome. */
  boolean decide() {
    boolean first = decided.compareAndSet(false, true);
    if (first) {
      timers.forEach(t -> t.cancel(false));
    }
    return first;
  }

  boolean isDecided() {
    return decided.get();
  }

  /** Tells the handler to stop: isCancelled() turns true and its thread is interrupted. */
  void stopHandler() {
    cancelled = true;
    synchronized (this) {
      if (worker != null) {
        worker.interrupt();
      }
    }
  }

  boolean isCancelled() {
    return cancelled;
  }

  void heartbeat() {
    lastHeartbeatMillis = clock.millis();
  }

  long millisSinceHeartbeat() {
    return clock.millis() - lastHeartbeatMillis;
  }

  void addTimer(Future<?> timer) {
    timers.add(timer);
    if (decided.get()) {
      timer.cancel(false);
    }
  }

  synchronized void attach(Thread thread) {
    worker = thread;
    if (cancelled) {
      thread.interrupt();
    }
  }

  synchronized void detach() {
    worker = null;
  }

  /** Its spans; ended by whoever {@link #decide decides} the outcome. */
  AttemptTrace trace() {
    return trace;
  }

  /** When the attempt was taken to run here. */
  java.time.Instant startedAt() {
    return startedAt;
  }
}
