package dev.baton.orchestrator.store;

import static dev.baton.orchestrator.store.ExecutionRows.EXECUTION_COLUMNS;
import static dev.baton.orchestrator.store.ExecutionRows.STEP_COLUMNS;
import static dev.baton.orchestrator.store.ExecutionRows.TASK_COLUMNS;

import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.orchestrator.engine.TaskRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state a transition starts from, read by primary key: execution rows (locked inside the
 * transition's transaction), their steps and their tasks. The cost does not grow with the tables.
 */
public final class ExecutionReads {
  /** Locks the execution row for this transaction; null when there is none (or another tenant's). */
  public Future<ExecutionRecord> lock(SqlConnection conn, UUID id) {
    return conn.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : ExecutionRows.execution(rows.iterator().next()));
  }

  /**
   * Locks executions in id order: every transaction locks in that same order, so batches on
   * different replicas cannot deadlock.
   */
  public Future<Map<UUID, ExecutionRecord>> lockAll(SqlConnection conn, List<UUID> executionIds) {
    return conn.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of(executionIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, ExecutionRecord> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("id"), ExecutionRows.execution(r)));
          return out;
        });
  }

  /** The execution row, unlocked. */
  public Future<ExecutionRecord> find(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : ExecutionRows.execution(rows.iterator().next()));
  }

  /** The steps of one execution that have a row (a step gets one when it starts). */
  public Future<Map<String, StepRecord>> steps(SqlClient client, UUID executionId) {
    return steps(client, List.of(executionId)).map(byExecution ->
        byExecution.getOrDefault(executionId, new LinkedHashMap<>()));
  }

  /** The steps of several executions. */
  public Future<Map<UUID, Map<String, StepRecord>>> steps(SqlClient client, List<UUID> executionIds) {
    return client.preparedQuery("SELECT execution_id, " + STEP_COLUMNS + " FROM step_states WHERE execution_id = ANY($1)")
        .execute(Tuple.of(executionIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, Map<String, StepRecord>> out = new HashMap<>();
          for (Row r : rows) {
            out.computeIfAbsent(r.getUUID("execution_id"), k -> new LinkedHashMap<>())
                .put(r.getString("step_id"), ExecutionRows.step(r));
          }
          return out;
        });
  }

  /** The task row, unlocked (to learn its execution before locking that). */
  public Future<TaskRecord> task(SqlClient client, UUID taskId) {
    return client.preparedQuery("SELECT " + TASK_COLUMNS + " FROM tasks WHERE id = $1")
        .execute(Tuple.of(taskId))
        .map(rows -> rows.size() == 0 ? null : ExecutionRows.task(rows.iterator().next()));
  }

  /** The executions of those of the given tasks that are still open (by primary key, unlocked). */
  public Future<List<UUID>> executionsOfOpenTasks(SqlClient client, List<UUID> taskIds) {
    return client.preparedQuery("SELECT DISTINCT execution_id FROM tasks WHERE id = ANY($1) "
            + "AND status IN ('SCHEDULED', 'QUEUED', 'RUNNING')")
        .execute(Tuple.of(taskIds.toArray(new UUID[0])))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID("execution_id")));
          ids.sort(null);
          return ids;
        });
  }

  /** Re-reads several tasks under their executions' locks. */
  public Future<Map<UUID, TaskRecord>> lockTasks(SqlConnection conn, List<UUID> taskIds) {
    return conn.preparedQuery("SELECT " + TASK_COLUMNS + " FROM tasks WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of(taskIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, TaskRecord> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("id"), ExecutionRows.task(r)));
          return out;
        });
  }
}
