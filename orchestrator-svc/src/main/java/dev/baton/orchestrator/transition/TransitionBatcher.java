package dev.baton.orchestrator.transition;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Group commit for transitions (executor results, starts of executions without an idempotency
 * key). Commands that arrive while earlier batches are being committed wait and go together into
 * the next transaction, so under load one commit applies hundreds of them while a lone command
 * goes straight through on the caller's thread. At most {@code maxInFlight} batches run at once
 * (the execution row locks keep concurrent batches correct; they lock in id order, so they cannot
 * deadlock). The queue is guarded by this object's monitor; transactions start outside it, so no
 * thread ever waits on I/O while holding it.
 */
public final class TransitionBatcher {
  private final ExecutionDriver driver;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  private record Pending(ExecutionDriver.Command command, Promise<ExecutionDriver.Outcome> outcome) {}

  public TransitionBatcher(ExecutionDriver driver, int maxBatch, int maxInFlight) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Queues the commands; the futures give their outcomes, in order. */
  public Future<List<ExecutionDriver.Outcome>> submit(List<? extends ExecutionDriver.Command> commands) {
    List<Promise<ExecutionDriver.Outcome>> promises = new ArrayList<>(commands.size());
    synchronized (this) {
      for (ExecutionDriver.Command command : commands) {
        Promise<ExecutionDriver.Outcome> promise = Promise.promise();
        promises.add(promise);
        queue.add(new Pending(command, promise));
      }
    }
    drain();
    return Future.all(promises.stream().map(Promise::future).toList())
        .map(all -> promises.stream().map(p -> p.future().result()).toList());
  }

  private void drain() {
    while (true) {
      List<Pending> batch;
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
      driver.apply(batch.stream().map(Pending::command).toList()).onComplete(ar -> {
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
