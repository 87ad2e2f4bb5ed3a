package dev.baton.orchestrator.store;

import static dev.baton.orchestrator.store.Rows.bytes;
import static dev.baton.orchestrator.store.Rows.jsonText;
import static dev.baton.orchestrator.store.Rows.time;

import dev.baton.orchestrator.engine.Changes;
import dev.baton.orchestrator.engine.Event;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.ExecutionState;
import dev.baton.orchestrator.engine.NewTask;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.orchestrator.engine.TaskKind;
import dev.baton.orchestrator.engine.TaskOutcome;
import dev.baton.proto.EnumNames;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import dev.baton.common.events.EventLogRows;
import dev.baton.common.events.EventPayloads;
import dev.baton.proto.internal.v1.PublishedEvent;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes a transition's {@link Changes} inside its transaction: executions, their steps, tasks and events. */
public final class ExecutionStore {
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
          .addValue(e.workflowVersion).addValue(EnumNames.shortName(e.status())).addValue(jsonText(e.input))
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
      rows.add(Tuple.of(e.id, EnumNames.shortName(e.status()), jsonText(e.output()), bytes(e.error()),
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
              .addValue(EnumNames.shortName(st.status())).addValue(st.attempt()).addValue(jsonText(st.items()))
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
        .addValue(e.tenantId()).addValue(EventPayloads.typeName(e.payload())).addValue(e.stepId())
        .addValue(e.itemIndex()).addValue(e.attempt()).addValue(EventPayloads.json(e.payload()))).toList();
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
}
