package dev.baton.common.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and stop of a service that opens several things in turn (pools, Redis clients, servers,
 * timers, threads). Each start step, once it has opened something, registers how to close it with
 * {@link #onStop}. If a later step fails, what the earlier ones opened is closed in reverse order
 * and the failure is rethrown: a failed start leaves nothing open. {@link #stop} closes everything
 * in reverse order once, however often it is called. A service starts once; a second
 * {@link #start} is refused.
 */
public final class ServiceLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

  private enum State { NEW, STARTING, STARTED, STOPPED }

  private final String service;
  private final Deque<Step> opened = new ArrayDeque<>(); // the last opened first
  private State state = State.NEW;

  /** {@code service} names the service in messages, e.g. "orchestrator" or "executor exec-1". */
  public ServiceLifecycle(String service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /**
   * Runs the start steps on this thread. When they throw, closes what they opened (the last first)
   * and rethrows; failures to close are logged and attached to it as suppressed.
   *
   * @throws IllegalStateException when this service was started before (successfully or not)
   */
  public synchronized void start(Runnable steps) {
    Objects.requireNonNull(steps, "steps");
    if (state != State.NEW) {
      throw new IllegalStateException(service + ": start called twice (a service starts once; create another to "
          + "start again)");
    }
    state = State.STARTING;
    try {
      steps.run();
    } catch (RuntimeException | Error e) {
      state = State.STOPPED;
      closeOpened(e);
      throw e;
    }
    state = State.STARTED;
  }

  /**
   * Registers how to close something a start step has just opened ({@code what} names it in log
   * lines). Closed in reverse order of registration.
   *
   * @throws IllegalStateException when the service is not starting or running
   */
  public synchronized void onStop(String what, AutoCloseable close) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(close, "close");
    if (state != State.STARTING && state != State.STARTED) {
      throw new IllegalStateException(service + ": cannot register '" + what + "' while " + state.name()
          .toLowerCase());
    }
    opened.push(new Step(what, close));
  }

  /** Closes everything (the last opened first). Returns false when it was not running: nothing to do. */
  public boolean stop() {
    return stop(() -> { });
  }

  /**
   * Like {@link #stop()}, running {@code drain} first while everything is still open (e.g. letting
   * work in flight finish). Neither runs when the service is not running; safe to call twice.
   */
  public synchronized boolean stop(Runnable drain) {
    Objects.requireNonNull(drain, "drain");
    if (state != State.STARTED) {
      state = State.STOPPED;
      return false;
    }
    state = State.STOPPED;
    try {
      drain.run();
    } finally {
      closeOpened(null);
    }
    return true;
  }

  /** True between a successful start and the first stop. */
  public synchronized boolean isRunning() {
    return state == State.STARTED;
  }

  private void closeOpened(Throwable startFailure) {
    while (!opened.isEmpty()) {
      Step step = opened.pop();
      try {
        step.close.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        log.warn("{}: closing {} failed: {}", service, step.what, e.toString());
        if (startFailure != null) {
          startFailure.addSuppressed(e);
        }
      }
    }
  }

  private record Step(String what, AutoCloseable close) {}
}
