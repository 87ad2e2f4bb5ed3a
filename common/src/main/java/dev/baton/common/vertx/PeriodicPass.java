package dev.baton.common.vertx;

import dev.baton.common.time.DurationParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Work a replica repeats on a Vert.x timer, as named steps run in order. Each step runs whether or
 * not the one before it failed: a failure is logged (naming the step) and the next pass tries again.
 * A pass still running when the timer fires again is not overlapped. A step can be spaced further
 * apart than the passes (a cleanup every hour in a loop that polls twice a second).
 */
public final class PeriodicPass {
  private final Vertx vertx;
  private final Duration interval;
  private final Clock clock;
  private final Logger log;
  private final List<Step> steps;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;
  private volatile boolean stopped;

  /** One named piece of a pass; {@code spacing} is the least time between two of its runs (zero: every pass). */
  public static final class Step {
    private final String what;
    private final Supplier<Future<?>> run;
    private final Duration spacing;
    private volatile Instant lastStarted;

    private Step(String what, Supplier<Future<?>> run, Duration spacing) {
      this.what = Objects.requireNonNull(what, "what");
      this.run = Objects.requireNonNull(run, "run");
      this.spacing = Objects.requireNonNull(spacing, "spacing");
    }

    private boolean due(Instant now) {
      return lastStarted == null || !now.isBefore(lastStarted.plus(spacing));
    }
  }

  /** A step of every pass; {@code what} completes "... failed" in the log, e.g. "sending alert webhooks". */
  public static Step step(String what, Supplier<Future<?>> run) {
    return new Step(what, run, Duration.ZERO);
  }

  /** A step run at the first pass and then at the first pass at least {@code spacing} after its last run. */
  public static Step spacedStep(String what, Duration spacing, Supplier<Future<?>> run) {
    return new Step(what, run, spacing);
  }

  public PeriodicPass(Vertx vertx, Duration interval, Clock clock, Logger log, List<Step> steps) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.steps = List.copyOf(steps);
  }

  /** Starts the timer; a second call does nothing. */
  public synchronized void start() {
    if (timer < 0 && !stopped) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> runOnce());
    }
  }

  /** Stops the timer (a pass under way finishes); safe to call twice. */
  public synchronized void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One pass now, unless one is under way; completes when its steps did (it never fails). */
  public Future<Void> runOnce() {
    if (stopped || !running.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    Future<Void> pass = Future.succeededFuture();
    for (Step step : steps) {
      pass = pass.compose(v -> run(step));
    }
    return pass.onComplete(ar -> running.set(false));
  }

  private Future<Void> run(Step step) {
    Instant now = clock.instant();
    if (stopped || !step.due(now)) {
      return Future.succeededFuture();
    }
    step.lastStarted = now;
    Future<?> work;
    try {
      work = step.run.get();
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    }
    return work.transform(ar -> {
      if (ar.failed() && !stopped) {
        Duration again = step.spacing.compareTo(interval) > 0 ? step.spacing : interval;
        log.warn("{} failed ({}); trying again in {}", step.what, ar.cause().toString(), DurationParser.format(again));
      }
      return Future.<Void>succeededFuture();
    });
  }
}
