package dev.baton.orchestrator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.orchestrator.engine.TaskKind;
import dev.baton.orchestrator.engine.TaskRecord;
import dev.baton.orchestrator.engine.TaskStatus;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepStatus;
import io.vertx.sqlclient.Row;

/**
 * The columns of executions, step_states and tasks that make the engine's records, and how a row
 * becomes one: the same for the transitions' reads and the API's queries.
 */
final class ExecutionRows {
  static final String EXECUTION_COLUMNS = "id, tenant_id, workflow_name, workflow_version, status, "
      + "input::text AS input, output::text AS output, error, idempotency_key, parent_execution_id, parent_task_id, "
      + "traceparent, created_at, finished_at";
  static final String STEP_COLUMNS = "step_id, status, attempt, items::text AS items, items_total, items_started, "
      + "items_done, output::text AS output, error, recovery, started_at, finished_at";
  static final String TASK_COLUMNS = "id, execution_id, step_id, item_index, attempt, kind, status, child_execution_id";

  private ExecutionRows() {}

  static StepRecord step(Row r) {
    return new StepRecord(r.getString("step_id"), EnumNames.parse(StepStatus.class, r.getString("status")),
        r.getInteger("attempt"), (ArrayNode) Rows.json(r, "items"), r.getInteger("items_total"),
        r.getInteger("items_started"), r.getInteger("items_done"), Rows.json(r, "output"), Rows.error(r, "error"),
        Rows.instant(r, "started_at"), Rows.instant(r, "finished_at"), Rows.recovery(r, "recovery"));
  }

  static ExecutionRecord execution(Row r) {
    return new ExecutionRecord(r.getUUID("id"), r.getString("tenant_id"), r.getString("workflow_name"),
        r.getInteger("workflow_version"), Rows.json(r, "input"), r.getString("idempotency_key"),
        r.getUUID("parent_execution_id"), r.getUUID("parent_task_id"), r.getString("traceparent"),
        Rows.instant(r, "created_at"), EnumNames.parse(ExecutionStatus.class, r.getString("status")),
        Rows.json(r, "output"), Rows.error(r, "error"), Rows.instant(r, "finished_at"));
  }

  static TaskRecord task(Row r) {
    return new TaskRecord(r.getUUID("id"), r.getUUID("execution_id"), r.getString("step_id"),
        r.getInteger("item_index"), r.getInteger("attempt"), TaskKind.valueOf(r.getString("kind")),
        TaskStatus.valueOf(r.getString("status")), r.getUUID("child_execution_id"), null);
  }
}
