package dev.baton.orchestrator.store;

import static dev.baton.orchestrator.store.Rows.bytes;
import static dev.baton.orchestrator.store.Rows.jsonText;
import static dev.baton.orchestrator.store.Rows.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.orchestrator.engine.Changes;
import dev.baton.orchestrator.engine.Event;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.engine.NewTask;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.orchestrator.engine.StepStatuses;
import dev.baton.orchestrator.engine.TaskKind;
import dev.baton.orchestrator.engine.TaskOutcome;
import dev.baton.orchestrator.engine.TaskRecord;
import dev.baton.orchestrator.engine.TaskStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import dev.baton.common.events.EventLogRows;
import dev.baton.proto.v1.PublishedEvent;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes executions, their steps, tasks and events inside a transition's transaction. */
public final class ExecutionStore {
  private static final String EXECUTION_COLUMNS = "id, tenant_id, workflow_name, workflow_version, status, "
      + "input::text AS input, output::text AS output, error, idempotency_key, parent_execution_id, parent_task_id, "
      + "traceparent, created_at, finished_at";

  /** Locks the execution row for this transaction; null when there is none (or another tenant's). */
  public Future<ExecutionRecord> lock(SqlConnection conn, UUID id) {
    return conn.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : execution(rows.iterator().next()));
  }

  public Future<Map<String, StepRecord>> steps(SqlClient client, UUID executionId) {
    return client.preparedQuery("SELECT step_id, status, attempt, items::text AS items, items_total, items_started, "
            + "items_done, output::text AS output, error, recovery, started_at, finished_at FROM step_states WHERE execution_id = $1")
        .execute(Tuple.of(executionId))
        .map(rows -> {
          Map<String, StepRecord> steps = new LinkedHashMap<>();
          for (Row r : rows) {
            steps.put(r.getString("step_id"), step(r));
          }
          return steps;
        });
  }

  /** The execution row, unlocked. */
  public Future<ExecutionRecord> find(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : execution(rows.iterator().next()));
  }

  /** Result of {@link #requeue}. */
  public record Requeued(TaskRecord task, TaskStatus fromStatus, dev.baton.proto.v1.Task payload, boolean exhausted) {}

  /**
   * Under the execution's lock: marks a due SCHEDULED task (unless {@code scheduledToo} is false:
   * the execution is paused and holds them), or a QUEUED/RUNNING one whose lease lapsed, as QUEUED
   * again with a fresh lease. Null when the task is not due (someone else did it).
   * {@code exhausted} when it has been delivered {@code maxDeliveries} times already (not requeued).
   */
  public Future<Requeued> requeue(SqlConnection conn, UUID taskId, java.time.Duration lease, int maxDeliveries,
      boolean scheduledToo) {
    return conn.preparedQuery("SELECT id, execution_id, step_id, item_index, attempt, kind, status, child_execution_id, "
            + "payload, deliveries, created_at FROM tasks WHERE id = $1 AND (($2 AND status = 'SCHEDULED' AND due_at <= now()) OR "
            + "(status IN ('QUEUED', 'RUNNING') AND lease_expires_at < now())) FOR UPDATE")
        .execute(Tuple.of(taskId, scheduledToo))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row r = rows.iterator().next();
          TaskRecord task = taskRecord(r);
          int deliveries = r.getInteger("deliveries");
          dev.baton.proto.v1.Task payload;
          try {
            payload = dev.baton.proto.v1.Task.parseFrom(r.getBuffer("payload").getBytes());
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return Future.failedFuture(new IllegalStateException("task " + taskId + " has a corrupt payload", e));
          }
          if (task.status() != TaskStatus.SCHEDULED && deliveries >= maxDeliveries) {
            return Future.succeededFuture(new Requeued(task, task.status(), payload, true));
          }
          dev.baton.proto.v1.Task stored = payload.toBuilder().setDelivery(deliveries + 1).build();
          dev.baton.proto.v1.Task dispatched = stored;
          if (task.status() == TaskStatus.SCHEDULED) {
            // the retry's row was written when its predecessor failed: its backoff began then. Only
            // this first dispatch carries it; a redelivery after a lapsed lease has no backoff.
            java.time.Instant scheduledAt = r.getOffsetDateTime("created_at").toInstant();
            dispatched = stored.toBuilder().setBackoffStartTime(com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(scheduledAt.getEpochSecond()).setNanos(scheduledAt.getNano())).build();
          }
          dev.baton.proto.v1.Task next = dispatched;
          Future<?> stepRunning = task.status() == TaskStatus.SCHEDULED
              ? conn.preparedQuery("UPDATE step_states SET status = 'RUNNING' WHERE execution_id = $1 AND step_id = $2 "
                  + "AND status = 'RETRYING'").execute(Tuple.of(task.executionId(), task.stepId()))
              : Future.succeededFuture();
          return stepRunning.compose(v -> conn.preparedQuery("UPDATE tasks SET status = 'QUEUED', deliveries = $2, "
                  + "payload = $3, lease_expires_at = now() + $4 * interval '1 millisecond' WHERE id = $1")
              .execute(Tuple.of(taskId, deliveries + 1, bytes(stored), lease.toMillis())))
              .map(v -> new Requeued(task, task.status(), next, false));
        });
  }

  /** The task row, unlocked (to learn its execution before locking that). */
  public Future<TaskRecord> task(SqlClient client, UUID taskId) {
    return client.preparedQuery("SELECT id, execution_id, step_id, item_index, attempt, kind, status, child_execution_id "
            + "FROM tasks WHERE id = $1")
        .execute(Tuple.of(taskId))
        .map(rows -> rows.size() == 0 ? null : taskRecord(rows.iterator().next()));
  }



  /** Re-reads several tasks under their executions' locks. */
  public Future<Map<UUID, TaskRecord>> lockTasks(SqlConnection conn, List<UUID> taskIds) {
    return conn.preparedQuery("SELECT id, execution_id, step_id, item_index, attempt, kind, status, child_execution_id "
            + "FROM tasks WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of(taskIds.toArray(new UUID[0])))
        .map(ExecutionStore::taskMap);
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

  /**
   * Locks executions in id order: every transaction locks in that same order, so batches on
   * different replicas cannot deadlock.
   */
  public Future<Map<UUID, ExecutionRecord>> lockAll(SqlConnection conn, List<UUID> executionIds) {
    return conn.preparedQuery("SELECT " + EXECUTION_COLUMNS + " FROM executions WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of(executionIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, ExecutionRecord> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getUUID("id"), execution(r)));
          return out;
        });
  }

  /** The steps of several executions. */
  public Future<Map<UUID, Map<String, StepRecord>>> steps(SqlClient client, List<UUID> executionIds) {
    return client.preparedQuery("SELECT execution_id, step_id, status, attempt, items::text AS items, items_total, "
            + "items_started, items_done, output::text AS output, error, recovery, started_at, finished_at FROM step_states "
            + "WHERE execution_id = ANY($1)")
        .execute(Tuple.of(executionIds.toArray(new UUID[0])))
        .map(ExecutionStore::stepsByExecution);
  }

  private static Map<UUID, Map<String, StepRecord>> stepsByExecution(Iterable<Row> rows) {
    Map<UUID, Map<String, StepRecord>> out = new java.util.HashMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.getUUID("execution_id"), k -> new LinkedHashMap<>()).put(r.getString("step_id"), step(r));
    }
    return out;
  }

  private static Map<UUID, TaskRecord> taskMap(Iterable<Row> rows) {
    Map<UUID, TaskRecord> out = new java.util.HashMap<>();
    rows.forEach(r -> out.put(r.getUUID("id"), taskRecord(r)));
    return out;
  }

  /**
   * Writes a transition. Returns the child executions of tasks it closed (to cancel after commit)
   * and the events as recorded (with their sequence numbers, to publish after commit).
   * The statements are pipelined: sent at once, executed by PostgreSQL in this order (one round
   * trip instead of one per statement); if one fails, the rest fail and the transaction rolls back.
   */
  public Future<Written> write(SqlConnection conn, Changes changes) {
    Future<?> executionsInserted = insertExecutions(conn, changes);
    Future<?> executionsUpdated = updateExecutions(conn, changes);
    Future<?> stepsWritten = upsertSteps(conn, changes);
    Future<?> tasksEnded = endTasks(conn, changes.taskOutcomes());
    // new tasks before closing: a child execution started in a transition that then ended its
    // parent must be closed (and so cancelled after commit) like any other open task
    Future<?> tasksInserted = insertTasks(conn, changes.newTasks());
    Future<List<UUID>> closed = closeOpenTasks(conn, changes.closeOpenTasksOf());
    Future<List<PublishedEvent>> eventsInserted = insertEvents(conn, changes.events());
    return Future.all(List.of(executionsInserted, executionsUpdated, stepsWritten, tasksEnded, tasksInserted, closed,
        eventsInserted)).map(v -> new Written(closed.result(), eventsInserted.result()));
  }

  private static Future<?> insertExecutions(SqlConnection conn, Changes changes) {
    List<Tuple> rows = new ArrayList<>();
    for (ExecutionState s : changes.created()) {
      ExecutionRecord e = s.execution();
      rows.add(Tuple.tuple(List.of()).addValue(e.id).addValue(e.tenantId).addValue(e.workflowName)
          .addValue(e.workflowVersion).addValue(StepStatuses.shortName(e.status())).addValue(jsonText(e.input))
          .addValue(jsonText(e.output())).addValue(bytes(e.error())).addValue(e.idempotencyKey)
          .addValue(e.parentExecutionId).addValue(e.parentTaskId).addValue(e.traceparent)
          .addValue(time(e.createdAt)).addValue(time(e.finishedAt())).addValue(errorCode(e)));
    }
    return unnest(conn, "INSERT INTO executions (id, tenant_id, workflow_name, workflow_version, status, input, output, "
        + "error, idempotency_key, parent_execution_id, parent_task_id, traceparent, created_at, updated_at, finished_at, error_code) "
        + "SELECT id, t, w, v, s, i::jsonb, o::jsonb, er, k, pe, pt, tp, c, now(), f, ec FROM unnest($1::uuid[], $2::text[], "
        + "$3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bytea[], $9::text[], $10::uuid[], $11::uuid[], "
        + "$12::text[], $13::timestamptz[], $14::timestamptz[], $15::text[]) "
        + "AS x(id, t, w, v, s, i, o, er, k, pe, pt, tp, c, f, ec)", rows,
        UUID.class, String.class, String.class, Integer.class, String.class, String.class, String.class,
        io.vertx.core.buffer.Buffer.class, String.class, UUID.class, UUID.class, String.class,
        java.time.OffsetDateTime.class, java.time.OffsetDateTime.class, String.class);
  }

  private static Future<?> updateExecutions(SqlConnection conn, Changes changes) {
    List<Tuple> rows = new ArrayList<>();
    for (ExecutionState s : changes.touched()) {
      ExecutionRecord e = s.execution();
      if (changes.isCreated(s) || !e.isDirty()) {
        continue;
      }
      rows.add(Tuple.of(e.id, StepStatuses.shortName(e.status()), jsonText(e.output()), bytes(e.error()),
          time(e.finishedAt()), errorCode(e)));
    }
    return unnest(conn, "UPDATE executions x SET status = u.s, output = u.o::jsonb, error = u.e, finished_at = u.f, "
        + "error_code = u.ec, updated_at = now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], "
        + "$5::timestamptz[], $6::text[]) AS u(id, s, o, e, f, ec) WHERE x.id = u.id", rows,
        UUID.class, String.class, String.class, io.vertx.core.buffer.Buffer.class, java.time.OffsetDateTime.class,
        String.class);
  }

  /** Kept beside the serialized error so that dead letters can be filtered by code in SQL. */
  private static String errorCode(ExecutionRecord e) {
    return e.error() == null ? null : e.error().getCode();
  }

  private static Future<?> upsertSteps(SqlConnection conn, Changes changes) {
    List<Tuple> rows = new ArrayList<>();
    for (ExecutionState s : changes.touched()) {
      boolean created = changes.isCreated(s);
      for (StepRecord st : s.steps().values()) {
        if (created || st.isDirty()) {
          rows.add(Tuple.tuple(List.of()).addValue(s.execution().id).addValue(st.stepId)
              .addValue(StepStatuses.shortName(st.status())).addValue(st.attempt()).addValue(jsonText(st.items()))
              .addValue(st.itemsTotal()).addValue(st.itemsStarted()).addValue(st.itemsDone())
              .addValue(jsonText(st.output())).addValue(bytes(st.error())).addValue(time(st.startedAt()))
              .addValue(time(st.finishedAt())).addValue(recoveryBytes(st)));
        }
      }
    }
    return unnest(conn, "INSERT INTO step_states (execution_id, step_id, status, attempt, items, items_total, "
        + "items_started, items_done, output, error, started_at, finished_at, recovery) SELECT e, s, st, a, i::jsonb, "
        + "it, ist, ido, o::jsonb, er, sa, fa, rc FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], "
        + "$6::int[], $7::int[], $8::int[], $9::text[], $10::bytea[], $11::timestamptz[], $12::timestamptz[], "
        + "$13::bytea[]) AS x(e, s, st, a, i, it, ist, ido, o, er, sa, fa, rc) ON CONFLICT (execution_id, step_id) "
        + "DO UPDATE SET recovery = EXCLUDED.recovery, "
        + "status = EXCLUDED.status, attempt = EXCLUDED.attempt, items = EXCLUDED.items, "
        + "items_total = EXCLUDED.items_total, items_started = EXCLUDED.items_started, "
        + "items_done = EXCLUDED.items_done, output = EXCLUDED.output, error = EXCLUDED.error, "
        + "started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at", rows,
        UUID.class, String.class, String.class, Integer.class, String.class, Integer.class, Integer.class,
        Integer.class, String.class, io.vertx.core.buffer.Buffer.class, java.time.OffsetDateTime.class,
        java.time.OffsetDateTime.class, io.vertx.core.buffer.Buffer.class);
  }

  /** NULL while no recovery rule applied and no person acted: most steps never need one. */
  private static io.vertx.core.buffer.Buffer recoveryBytes(StepRecord step) {
    return step.recovery().equals(dev.baton.proto.v1.StepRecovery.getDefaultInstance()) ? null : bytes(step.recovery());
  }

  private static Future<?> endTasks(SqlConnection conn, List<TaskOutcome> outcomes) {
    List<Tuple> rows = outcomes.stream()
        .map(o -> Tuple.of(o.taskId(), o.status().name(), jsonText(o.output()), bytes(o.error())))
        .toList();
    return unnest(conn, "UPDATE tasks t SET status = u.s, output = u.o::jsonb, error = u.e, finished_at = now(), "
        + "lease_expires_at = NULL FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[]) AS u(id, s, o, e) "
        + "WHERE t.id = u.id", rows, UUID.class, String.class, String.class, io.vertx.core.buffer.Buffer.class);
  }

  private static Future<List<UUID>> closeOpenTasks(SqlConnection conn, List<UUID> executionIds) {
    if (executionIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return conn.preparedQuery("UPDATE tasks SET status = 'CANCELLED', finished_at = now(), lease_expires_at = NULL "
            + "WHERE execution_id = ANY($1) AND status IN ('SCHEDULED', 'QUEUED', 'RUNNING') "
            + "RETURNING kind, child_execution_id")
        .execute(Tuple.of(executionIds.toArray(new UUID[0])))
        .map(rows -> {
          List<UUID> children = new ArrayList<>();
          for (Row r : rows) {
            if (TaskKind.CHILD.name().equals(r.getString("kind")) && r.getUUID("child_execution_id") != null) {
              children.add(r.getUUID("child_execution_id"));
            }
          }
          return children;
        });
  }

  private static Future<?> insertTasks(SqlConnection conn, List<NewTask> tasks) {
    List<Tuple> rows = tasks.stream().map(t -> Tuple.tuple(List.of()).addValue(t.id()).addValue(t.executionId())
        .addValue(t.tenantId()).addValue(t.stepId()).addValue(t.itemIndex()).addValue(t.attempt())
        .addValue(t.kind().name()).addValue(t.status().name()).addValue(t.taskQueue()).addValue(bytes(t.payload()))
        .addValue(t.childExecutionId()).addValue(time(t.dueAt())).addValue(time(t.leaseExpiresAt()))
        .addValue(t.dispatchNow() ? 1 : 0)).toList();
    return unnest(conn, "INSERT INTO tasks (id, execution_id, tenant_id, step_id, item_index, attempt, kind, status, "
        + "task_queue, payload, child_execution_id, due_at, lease_expires_at, deliveries) SELECT * FROM unnest("
        + "$1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], "
        + "$10::bytea[], $11::uuid[], $12::timestamptz[], $13::timestamptz[], $14::int[])", rows,
        UUID.class, UUID.class, String.class, String.class, Integer.class, Integer.class, String.class, String.class,
        String.class, io.vertx.core.buffer.Buffer.class, UUID.class, java.time.OffsetDateTime.class,
        java.time.OffsetDateTime.class, Integer.class);
  }

  /**
   * Appends the events, numbering them per execution after the last recorded one (the execution
   * rows are locked, so no other transaction numbers events of the same executions meanwhile).
   */
  private static Future<List<PublishedEvent>> insertEvents(SqlConnection conn, List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> rows = events.stream().map(e -> Tuple.tuple(List.of()).addValue(e.executionId())
        .addValue(e.tenantId()).addValue(e.type().name()).addValue(e.stepId()).addValue(e.itemIndex())
        .addValue(e.attempt()).addValue(jsonText(e.payload()))).toList();
    // unnest yields the rows in array order (ordinality n), so ids and seqs follow the order they happened in
    return unnest(conn, "INSERT INTO execution_events (execution_id, tenant_id, seq, type, step_id, item_index, "
            + "attempt, payload) SELECT x.e, x.t, coalesce(last.seq, 0) + row_number() OVER (PARTITION BY x.e "
            + "ORDER BY x.n), x.ty, x.s, x.i, x.a, x.p::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[], "
            + "$4::text[], $5::int[], $6::int[], $7::text[]) WITH ORDINALITY AS x(e, t, ty, s, i, a, p, n) "
            + "LEFT JOIN LATERAL (SELECT max(seq) AS seq FROM execution_events WHERE execution_id = x.e) last ON true "
            + "ORDER BY x.n RETURNING tenant_id, " + EventLogRows.COLUMNS, rows,
        UUID.class, String.class, String.class, String.class, Integer.class, Integer.class, String.class)
        .map(EventRows::published);
  }

  /**
   * Runs {@code sql} once with one array per column ({@code unnest($1::uuid[], ...)} in the SQL)
   * instead of once per row: PostgreSQL plans and executes one statement for the whole batch.
   */
  private static Future<RowSet<Row>> unnest(SqlConnection conn, String sql, List<Tuple> rows, Class<?>... columnTypes) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(); // nothing to write, no rows to return
    }
    Object[] columns = new Object[columnTypes.length];
    for (int c = 0; c < columnTypes.length; c++) {
      Object array = java.lang.reflect.Array.newInstance(columnTypes[c], rows.size());
      for (int r = 0; r < rows.size(); r++) {
        java.lang.reflect.Array.set(array, r, rows.get(r).getValue(c));
      }
      columns[c] = array;
    }
    return conn.preparedQuery(sql).execute(Tuple.wrap(columns));
  }


  private static StepRecord step(Row r) {
    return new StepRecord(r.getString("step_id"), StepStatuses.stepStatus(r.getString("status")),
        r.getInteger("attempt"), (ArrayNode) Rows.json(r, "items"), r.getInteger("items_total"),
        r.getInteger("items_started"), r.getInteger("items_done"), Rows.json(r, "output"), Rows.error(r, "error"),
        Rows.instant(r, "started_at"), Rows.instant(r, "finished_at"), Rows.recovery(r, "recovery"));
  }

  static ExecutionRecord execution(Row r) {
    return new ExecutionRecord(r.getUUID("id"), r.getString("tenant_id"), r.getString("workflow_name"),
        r.getInteger("workflow_version"), Rows.json(r, "input"), r.getString("idempotency_key"),
        r.getUUID("parent_execution_id"), r.getUUID("parent_task_id"), r.getString("traceparent"),
        Rows.instant(r, "created_at"), StepStatuses.executionStatus(r.getString("status")), Rows.json(r, "output"),
        Rows.error(r, "error"), Rows.instant(r, "finished_at"));
  }

  private static TaskRecord taskRecord(Row r) {
    return new TaskRecord(r.getUUID("id"), r.getUUID("execution_id"), r.getString("step_id"),
        r.getInteger("item_index"), r.getInteger("attempt"), TaskKind.valueOf(r.getString("kind")),
        TaskStatus.valueOf(r.getString("status")), r.getUUID("child_execution_id"), null);
  }
}
