package dev.baton.orchestrator.transition;

import dev.baton.common.status.ExecutionStatuses;
import dev.baton.orchestrator.dispatch.TaskDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable timers and the safety net, polled from the database so they survive restarts and
 * work with any number of replicas (each action re-checks its row under the execution lock):
 * <ul>
 *   <li>retries whose backoff ended are queued;</li>
 *   <li>tasks whose lease lapsed are queued again: the executor died (no heartbeats), or the entry
 *       was lost from Redis. A QUEUED task on a queue that still has a backlog is presumed to be
 *       in it and gets a new lease instead (executors delete entries as they take them, so the
 *       stream length is exactly the backlog);</li>
 *   <li>finished child executions whose parent task is still open complete it; running children of
 *       ended parents are cancelled (both normally happen right after commit; this covers a crash).</li>
 * </ul>
 */
public final class LeaseReconciler {
  private static final Logger log = LoggerFactory.getLogger(LeaseReconciler.class);
  private static final int BATCH = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final ExecutionDriver driver;
  private final TaskDispatcher dispatcher;
  private final Duration pollInterval;
  private final Duration lease;
  private final int maxDeliveries;
  private long timerId = -1;
  private boolean running;
  private long ticks;

  public LeaseReconciler(Vertx vertx, Pool pool, ExecutionDriver driver, TaskDispatcher dispatcher,
      Duration pollInterval, Duration lease, int maxDeliveries) {
    this.vertx = vertx;
    this.pool = pool;
    this.driver = driver;
    this.dispatcher = dispatcher;
    this.pollInterval = pollInterval;
    this.lease = lease;
    this.maxDeliveries = maxDeliveries;
  }

  public void start() {
    timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> tick());
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    // Retries are due often and cheap to find; the sweeps run every 5th tick.
    boolean sweep = ticks++ % 5 == 0;
    Future<?> work = dueRetries();
    if (sweep) {
      work = work.compose(v -> expiredLeases()).compose(v -> finishedChildren()).compose(v -> orphanedChildren());
    }
    work.onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        log.warn("reconciler pass failed ({}); retrying in {} ms", ar.cause().toString(), pollInterval.toMillis());
      }
    });
  }

  /** Paused executions hold their due retries (see Interventions); the rest are queued. */
  private Future<?> dueRetries() {
    return ids("SELECT t.id FROM tasks t JOIN executions e ON e.id = t.execution_id WHERE t.status = 'SCHEDULED' "
        + "AND t.due_at <= now() AND e.status <> 'PAUSED' ORDER BY t.due_at LIMIT " + BATCH)
        .compose(ids -> each(ids, id -> driver.requeue(id, lease, maxDeliveries)));
  }

  private Future<?> expiredLeases() {
    return pool.query("SELECT id, status, task_queue FROM tasks WHERE status IN ('QUEUED', 'RUNNING') "
            + "AND kind = 'HANDLER' AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT " + BATCH)
        .execute()
        .compose(rows -> {
          Map<String, List<UUID>> queuedByQueue = new HashMap<>();
          List<UUID> lapsed = new ArrayList<>();
          for (Row r : rows) {
            if ("QUEUED".equals(r.getString("status"))) {
              queuedByQueue.computeIfAbsent(r.getString("task_queue"), q -> new ArrayList<>()).add(r.getUUID("id"));
            } else {
              lapsed.add(r.getUUID("id"));
            }
          }
          List<Future<?>> checks = new ArrayList<>();
          queuedByQueue.forEach((queue, ids) -> checks.add(dispatcher.backlog(queue).compose(backlog -> {
            if (backlog > 0) {
              return pool.preparedQuery("UPDATE tasks SET lease_expires_at = now() + $2 * interval '1 millisecond' "
                  + "WHERE id = ANY($1) AND status = 'QUEUED'")
                  .execute(Tuple.of(ids.toArray(new UUID[0]), lease.toMillis()));
            }
            lapsed.addAll(ids);
            return Future.succeededFuture();
          })));
          return Future.join(new ArrayList<>(checks)).transform(ar -> each(lapsed, id -> {
            log.info("task {} lease lapsed; queueing it again", id);
            return driver.requeue(id, lease, maxDeliveries);
          }));
        });
  }

  private Future<?> finishedChildren() {
    return ids("SELECT c.id FROM tasks t JOIN executions c ON c.id = t.child_execution_id WHERE t.kind = 'CHILD' "
        + "AND t.status = 'RUNNING' AND c.status NOT IN " + ExecutionStatuses.OPEN_SQL + " LIMIT " + BATCH)
        .compose(ids -> each(ids, driver::childFinished));
  }

  private Future<?> orphanedChildren() {
    return ids("SELECT c.id FROM executions c JOIN executions p ON p.id = c.parent_execution_id "
        + "WHERE c.status IN " + ExecutionStatuses.OPEN_SQL + " AND p.status NOT IN " + ExecutionStatuses.OPEN_SQL
        + " LIMIT " + BATCH)
        .compose(ids -> each(ids, id -> driver.cancel(id, "parent execution ended")));
  }

  private Future<List<UUID>> ids(String sql) {
    return pool.query(sql).execute().map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getUUID("id")));
      return ids;
    });
  }

  /** Runs the action for each id, one after another (keeps the pool free for the hot path). */
  private static Future<?> each(List<UUID> ids, Function<UUID, Future<?>> action) {
    Future<?> chain = Future.succeededFuture();
    for (UUID id : ids) {
      chain = chain.compose(v -> action.apply(id).recover(e -> {
        log.warn("reconciling {} failed ({}); it is picked up again on the next pass", id, e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }
}
