package dev.baton.orchestrator.store;

import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.engine.ExecutionRecord;
import dev.baton.orchestrator.engine.StepRecord;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepState;
import dev.baton.proto.v1.WaitingStep;
import dev.baton.common.json.Json;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Read-side views of executions for the API, always filtered by tenant. */
public final class ExecutionQueries {
  private static final String COLUMNS = ExecutionRows.EXECUTION_COLUMNS;

  private final Pool pool;
  private final ExecutionReads reads;
  private final WorkflowStore workflows;

  public ExecutionQueries(Pool pool, ExecutionReads reads, WorkflowStore workflows) {
    this.pool = pool;
    this.reads = reads;
    this.workflows = workflows;
  }

  public Future<Optional<Execution>> get(String tenant, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM executions WHERE id = $1 AND tenant_id = $2")
        .execute(Tuple.of(id, tenant))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Execution>empty());
          }
          ExecutionRecord record = ExecutionRows.execution(rows.iterator().next());
          return reads.steps(pool, id)
              .compose(steps -> inDefinitionOrder(record, steps))
              .compose(steps -> children(id).map(children -> Optional.of(toProto(record, steps, children))));
        });
  }

  /** Steps of the tenant waiting for a person, oldest execution first. */
  public Future<List<WaitingStep>> waiting(String tenant, String workflowName, int limit) {
    return pool.preparedQuery("SELECT e.id, e.workflow_name, e.workflow_version, e.status, s.step_id, s.recovery "
            + "FROM step_states s JOIN executions e ON e.id = s.execution_id "
            + "WHERE s.status = 'WAITING_FOR_INTERVENTION' AND e.tenant_id = $1 AND ($2::text IS NULL OR e.workflow_name = $2) "
            + "ORDER BY e.created_at, e.id, s.step_id LIMIT $3")
        .execute(Tuple.of(tenant, workflowName, limit))
        .map(rows -> {
          List<WaitingStep> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(WaitingStep.newBuilder().setExecutionId(r.getUUID("id").toString())
                .setWorkflowName(r.getString("workflow_name")).setWorkflowVersion(r.getInteger("workflow_version"))
                .setExecutionStatus(EnumNames.parse(ExecutionStatus.class, r.getString("status")))
                .setStepId(r.getString("step_id"))
                .setIntervention(java.util.Objects.requireNonNullElse(Rows.recovery(r, "recovery"),
                    dev.baton.proto.v1.StepRecovery.getDefaultInstance()).getIntervention()).build());
          }
          return out;
        });
  }

  public Future<Optional<Execution>> byIdempotencyKey(String tenant, String key) {
    return pool.preparedQuery("SELECT id FROM executions WHERE tenant_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(tenant, key))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(Optional.<Execution>empty())
            : get(tenant, rows.iterator().next().getUUID("id")));
  }

  /**
   * Newest first. The page token is the last row's "createdAtMicros/id" so paging is stable while
   * new executions arrive.
   */
  public Future<List<Execution>> list(String tenant, String workflowName, ExecutionStatus status, Instant before,
      UUID beforeId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM executions WHERE tenant_id = $1 "
            + "AND ($2::text IS NULL OR workflow_name = $2) AND ($3::text IS NULL OR status = $3) "
            + "AND (created_at, id) < ($4, $5) ORDER BY created_at DESC, id DESC LIMIT $6")
        .execute(Tuple.tuple(List.of()).addValue(tenant).addValue(workflowName)
            .addValue(status == null ? null : EnumNames.shortName(status))
            .addValue(Rows.time(before)).addValue(beforeId).addValue(limit))
        .map(rows -> {
          List<Execution> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(toProto(ExecutionRows.execution(r), Map.of(), Map.of()));
          }
          return out;
        });
  }

  /**
   * Dead letters: FAILED executions of the tenant that match {@code filter} (child executions
   * excluded: their parent failed with them), in failure order, without per-step state.
   * Newest failure first from before ({@code after}, {@code afterId}) (exclusive; null = from the
   * newest) for listing, or oldest first for the bulk retry.
   */
  public Future<List<Execution>> failed(String tenant, DeadLetterFilter filter, boolean newestFirst, Instant after,
      UUID afterId, int limit) {
    String order = newestFirst ? "DESC" : "ASC";
    String cursor = "AND ($6::timestamptz IS NULL OR (finished_at, id) " + (newestFirst ? "<" : ">") + " ($6, $7::uuid)) ";
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM executions WHERE tenant_id = $1 AND status = 'FAILED' "
            + "AND parent_execution_id IS NULL AND ($2::text IS NULL OR workflow_name = $2) "
            + "AND ($3::text IS NULL OR error_code = $3) AND ($4::timestamptz IS NULL OR finished_at >= $4) "
            + "AND ($5::timestamptz IS NULL OR finished_at < $5) " + cursor
            + "ORDER BY finished_at " + order + ", id " + order + " LIMIT $8")
        .execute(Tuple.tuple(List.of()).addValue(tenant).addValue(filter.workflowName()).addValue(filter.errorCode())
            .addValue(Rows.time(filter.failedAfter())).addValue(Rows.time(filter.failedBefore()))
            .addValue(Rows.time(after)).addValue(afterId).addValue(limit))
        .map(rows -> {
          List<Execution> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(toProto(ExecutionRows.execution(r), Map.of(), Map.of()));
          }
          return out;
        });
  }

  private Future<Map<String, StepRecord>> inDefinitionOrder(ExecutionRecord record, Map<String, StepRecord> steps) {
    return workflows.compiled(record.tenantId, record.workflowName, record.workflowVersion).map(found -> {
      if (found.isEmpty()) {
        return steps;
      }
      Map<String, StepRecord> ordered = new java.util.LinkedHashMap<>();
      found.get().workflow().steps().forEach(s -> {
        if (steps.containsKey(s.id())) {
          ordered.put(s.id(), steps.get(s.id()));
        }
      });
      return ordered;
    });
  }

  private Future<Map<String, List<String>>> children(UUID id) {
    return pool.preparedQuery("SELECT step_id, child_execution_id FROM tasks WHERE execution_id = $1 AND kind = 'CHILD' "
            + "ORDER BY item_index, attempt")
        .execute(Tuple.of(id))
        .map(rows -> {
          Map<String, List<String>> byStep = new HashMap<>();
          rows.forEach(r -> byStep.computeIfAbsent(r.getString("step_id"), k -> new ArrayList<>())
              .add(r.getUUID("child_execution_id").toString()));
          return byStep;
        });
  }

  /** The view of an execution just started in memory (child execution ids are not known here). */
  public static Execution toProto(dev.baton.orchestrator.engine.ExecutionState state) {
    return toProto(state.execution(), state.steps(), Map.of());
  }

  static Execution toProto(ExecutionRecord e, Map<String, StepRecord> steps, Map<String, List<String>> children) {
    Execution.Builder b = Execution.newBuilder()
        .setId(e.id.toString())
        .setWorkflowName(e.workflowName)
        .setWorkflowVersion(e.workflowVersion)
        .setStatus(e.status())
        .setInputJson(Json.write(e.input))
        .setCreateTime(Rows.timestamp(e.createdAt));
    if (e.output() != null) {
      b.setOutputJson(Json.write(e.output()));
    }
    if (e.error() != null) {
      b.setError(e.error());
    }
    if (e.idempotencyKey != null) {
      b.setIdempotencyKey(e.idempotencyKey);
    }
    if (e.parentExecutionId != null) {
      b.setParentExecutionId(e.parentExecutionId.toString());
    }
    if (e.finishedAt() != null) {
      b.setEndTime(Rows.timestamp(e.finishedAt()));
    }
    for (StepRecord s : steps.values()) {
      StepState.Builder sb = StepState.newBuilder()
          .setStepId(s.stepId)
          .setStatus(s.status())
          .setAttempt(s.attempt())
          .setItemsTotal(s.itemsTotal())
          .setItemsDone(s.itemsDone())
          .addAllChildExecutionIds(children.getOrDefault(s.stepId, List.of()));
      if (s.output() != null && (s.status() == dev.baton.proto.v1.StepStatus.STEP_STATUS_SUCCEEDED || s.skippedByRule())) {
        sb.setOutputJson(Json.write(s.output()));
      }
      if (!s.recovery().equals(dev.baton.proto.v1.StepRecovery.getDefaultInstance())) {
        sb.setRecovery(s.recovery());
      }
      if (s.error() != null) {
        sb.setError(s.error());
      }
      if (s.startedAt() != null) {
        sb.setStartTime(Rows.timestamp(s.startedAt()));
      }
      if (s.finishedAt() != null) {
        sb.setEndTime(Rows.timestamp(s.finishedAt()));
      }
      b.addSteps(sb);
    }
    return b.build();
  }
}
