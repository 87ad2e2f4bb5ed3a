package dev.baton.progress.store;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs the event-log reads of progress-svc at most {@code maxInFlight} at a time; the others wait
 * their turn in order, for as long as it takes. Without it a reconnect storm (thousands of
 * WatchExecution calls at once, e.g. after a restart of progress-svc) put thousands of reads in
 * the pool's wait queue, which fails any read that waits longer than its connection timeout
 * (30 s): those calls ended UNAVAILABLE. Now the pool's queue stays short and a storm is answered
 * at the database's pace. Kept below the pool's size, so that the step histories, list watches and
 * readiness checks, which use the pool directly, always find a connection soon.
 *
 * <p>Thread-safe. A read that waited starts on the Vert.x context it was submitted from, so its
 * result is handled there as if it had started at once (the hub's state stays on the hub's context).
 */
public final class ReadQueue {
  static final AttributeKey<String> READ = AttributeKey.stringKey("read");

  private final int maxInFlight;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private final LongCounter reads;
  private int inFlight;

  public ReadQueue(int maxInFlight, Meter meter) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
    }
    this.maxInFlight = maxInFlight;
    Objects.requireNonNull(meter, "meter");
    reads = meter.counterBuilder("baton.progress.log.reads").setUnit("{query}")
        .setDescription("Reads of the event log progress-svc sent to PostgreSQL, by read "
            + "(execution: a watch's lookup, events: a tracker's load or backfill, last_sequences: the sweep)")
        .build();
    meter.gaugeBuilder("baton.progress.log.reads.waiting").ofLongs().setUnit("{query}")
        .setDescription("Reads of the event log waiting for their turn (at most " + maxInFlight + " run at a time)")
        .buildWithCallback(m -> m.record(waiting()));
  }

  /**
   * Runs {@code query} now if fewer than {@code maxInFlight} reads run, else once it is its turn.
   * {@code read} names it in the metrics.
   */
  public <T> Future<T> submit(String read, Supplier<Future<T>> query) {
    Objects.requireNonNull(query, "query");
    Attributes attributes = Attributes.of(READ, read);
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    Runnable start = () -> run(query, attributes, promise);
    synchronized (this) {
      if (inFlight >= maxInFlight) {
        waiting.add(context == null ? start : () -> context.runOnContext(v -> start.run()));
        return promise.future();
      }
      inFlight++;
    }
    start.run();
    return promise.future();
  }

  /** Reads waiting for their turn now. */
  public synchronized int waiting() {
    return waiting.size();
  }

  private <T> void run(Supplier<Future<T>> query, Attributes attributes, Promise<T> promise) {
    reads.add(1, attributes);
    Future<T> result;
    try {
      result = query.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      next();
      promise.handle(ar);
    });
  }

  /** A read ended: its slot goes to the first waiting one, if any. */
  private void next() {
    Runnable first;
    synchronized (this) {
      first = waiting.poll();
      if (first == null) {
        inFlight--;
      }
    }
    if (first != null) {
      first.run();
    }
  }
}
