package dev.baton.orchestrator.store;

import dev.baton.orchestrator.definition.HandlerCatalog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The handlers executors have announced per task queue; definitions may only use these. */
public final class HandlerRegistry {
  private final Pool pool;

  public HandlerRegistry(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> register(String executorId, List<String> taskQueues, List<String> handlers) {
    List<Tuple> rows = new ArrayList<>();
    for (String queue : taskQueues) {
      for (String handler : handlers) {
        rows.add(Tuple.of(queue, handler, executorId));
      }
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("INSERT INTO executor_handlers (task_queue, handler, executor_id) VALUES ($1, $2, $3) "
            + "ON CONFLICT (task_queue, handler) DO UPDATE SET executor_id = EXCLUDED.executor_id, last_seen_at = now()")
        .executeBatch(rows)
        .mapEmpty();
  }

  /** A snapshot of what is known now. */
  public Future<HandlerCatalog> catalog() {
    return pool.query("SELECT task_queue, handler FROM executor_handlers").execute().map(rows -> {
      Set<String> known = new HashSet<>();
      rows.forEach(r -> known.add(r.getString("task_queue") + "/" + r.getString("handler")));
      return (queue, handler) -> known.contains(queue + "/" + handler);
    });
  }
}
