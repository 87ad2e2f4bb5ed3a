package dev.baton.orchestrator.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Group commit for task events. Events that arrive while earlier batches are being committed wait
 * and go together into the next transaction, so under load one commit applies hundreds of results
 * while a lone result still goes straight through. At most {@code maxInFlight} batches run at once
 * (the execution row locks keep concurrent batches correct; they lock in id order, so they cannot
 * deadlock). Everything runs on one Vert.x context, so the queue needs no locks.
 */
public final class TaskEventBatcher {
  private final ExecutionDriver driver;
  private final Context context;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  private record Pending(ExecutionDriver.TaskEvent event, Promise<Boolean> applied) {}

  public TaskEventBatcher(ExecutionDriver driver, Context context, int maxBatch, int maxInFlight) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.context = Objects.requireNonNull(context, "context");
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Queues the events; each future tells whether its event changed the execution. */
  public Future<List<Boolean>> submit(List<ExecutionDriver.TaskEvent> events) {
    List<Promise<Boolean>> promises = new ArrayList<>(events.size());
    events.forEach(e -> promises.add(Promise.promise()));
    context.runOnContext(v -> {
      for (int i = 0; i < events.size(); i++) {
        queue.add(new Pending(events.get(i), promises.get(i)));
      }
      drain();
    });
    return Future.all(promises.stream().map(Promise::future).toList())
        .map(all -> promises.stream().map(p -> p.future().result()).toList());
  }

  private void drain() {
    while (inFlight < maxInFlight && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        batch.add(queue.poll());
      }
      inFlight++;
      driver.onOpenTasks(batch.stream().map(Pending::event).toList()).onComplete(ar -> context.runOnContext(v -> {
        inFlight--;
        for (int i = 0; i < batch.size(); i++) {
          if (ar.succeeded()) {
            batch.get(i).applied().complete(ar.result().get(i));
          } else {
            batch.get(i).applied().fail(ar.cause());
          }
        }
        drain();
      }));
    }
  }
}
