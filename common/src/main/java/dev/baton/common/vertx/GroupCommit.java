package dev.baton.common.vertx;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Group commit: items that arrive while earlier batches are being written wait and go together
 * into the next one, so under load one transaction takes hundreds of them while a lone item goes
 * straight through on the caller's thread. At most {@code maxInFlight} batches run at once. The
 * queue is guarded by this object's monitor; writes start outside it, so no thread ever waits on
 * I/O while holding it.
 *
 * @param <I> what is submitted
 * @param <O> the outcome of one item; {@code write} answers one per item, in order
 */
public final class GroupCommit<I, O> {
  private final Function<List<I>, Future<List<O>>> write;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
  private int inFlight;

  private record Pending<I, O>(I item, Promise<O> outcome) {}

  public GroupCommit(Function<List<I>, Future<List<O>>> write, int maxBatch, int maxInFlight) {
    this.write = Objects.requireNonNull(write, "write");
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch: " + maxBatch + ", maxInFlight: " + maxInFlight + " (expected: >= 1)");
    }
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Queues the items; the future gives their outcomes, in order. */
  public Future<List<O>> submit(List<? extends I> items) {
    List<Promise<O>> promises = new ArrayList<>(items.size());
    synchronized (this) {
      for (I item : items) {
        Promise<O> promise = Promise.promise();
        promises.add(promise);
        queue.add(new Pending<>(item, promise));
      }
    }
    drain();
    return Future.all(promises.stream().map(Promise::future).toList())
        .map(all -> promises.stream().map(p -> p.future().result()).toList());
  }

  private void drain() {
    while (true) {
      List<Pending<I, O>> batch;
      synchronized (this) {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
          return;
        }
        inFlight++;
        batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
          batch.add(queue.poll());
        }
      }
      Future<List<O>> written;
      try {
        written = write.apply(batch.stream().map(Pending::item).toList());
      } catch (RuntimeException e) {
        written = Future.failedFuture(e);
      }
      written.onComplete(ar -> {
        synchronized (this) {
          inFlight--;
        }
        for (int i = 0; i < batch.size(); i++) {
          if (ar.succeeded()) {
            batch.get(i).outcome().complete(ar.result().get(i));
          } else {
            batch.get(i).outcome().fail(ar.cause());
          }
        }
        drain();
      });
    }
  }
}
