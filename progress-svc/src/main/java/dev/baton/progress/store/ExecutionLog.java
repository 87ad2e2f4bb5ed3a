package dev.baton.progress.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.baton.common.events.EventLogRows;
import dev.baton.progress.model.ExecutionHeader;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.WorkflowDefinition;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what progress-svc folds from the orchestrator's read contract (the views of schema
 * progress_read): an execution with its workflow definition, and its event log. Every read takes its turn in {@code reads}.
 */
public final class ExecutionLog {
  private static final String FIND = "SELECT e.id, e.tenant_id, e.workflow_name, e.workflow_version, e.created_at, "
      + "e.parent_execution_id, v.definition, "
      + "(SELECT coalesce(max(seq), 0) FROM progress_read.execution_events ev WHERE ev.execution_id = e.id) "
      + "AS last_seq FROM progress_read.executions e JOIN progress_read.workflow_versions v "
      + "ON v.tenant_id = e.tenant_id AND v.name = e.workflow_name "
      + "AND v.version = e.workflow_version WHERE e.id = $1 AND e.tenant_id = $2";
  private static final String EVENTS_AFTER = "SELECT " + EventLogRows.COLUMNS + " FROM progress_read.execution_events "
      + "WHERE execution_id = $1 AND seq > $2 ORDER BY seq";
  private static final String LAST_SEQUENCES = "SELECT execution_id, max(seq) AS last_seq "
      + "FROM progress_read.execution_events "
      + "WHERE execution_id = ANY($1) GROUP BY execution_id";

  private final Pool pool;
  private final ReadQueue reads;

  public ExecutionLog(Pool pool, ReadQueue reads) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.reads = Objects.requireNonNull(reads, "reads");
  }

  /** An execution as found: its header, and the sequence of its last event when it was read. */
  public record Found(ExecutionHeader header, long lastSequence) {}

  /** The execution of this tenant with this id, if any. */
  public Future<Optional<Found>> find(UUID executionId, String tenantId) {
    return reads.submit("execution", () -> pool.preparedQuery(FIND).execute(Tuple.of(executionId, tenantId)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          UUID parent = row.getUUID("parent_execution_id");
          ExecutionHeader header = new ExecutionHeader(row.getUUID("id").toString(), row.getString("tenant_id"),
              row.getString("workflow_name"), row.getInteger("workflow_version"),
              definition(row.getBuffer("definition").getBytes()), timestamp(row.getOffsetDateTime("created_at")),
              parent == null ? "" : parent.toString());
          return Optional.of(new Found(header, row.getLong("last_seq")));
        });
  }

  /** Events after {@code sequence}, in order. */
  public Future<List<ExecutionEvent>> eventsAfter(UUID executionId, long sequence) {
    return reads.submit("events", () -> pool.preparedQuery(EVENTS_AFTER).execute(Tuple.of(executionId, sequence)))
        .map(rows -> {
          List<ExecutionEvent> events = new ArrayList<>(rows.size());
          rows.forEach(row -> events.add(EventLogRows.event(row)));
          return events;
        });
  }

  /** The last sequence of each of these executions, in ONE query (the backfill sweep). */
  public Future<Map<String, Long>> lastSequences(List<UUID> executionIds) {
    if (executionIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return reads.submit("last_sequences",
            () -> pool.preparedQuery(LAST_SEQUENCES).execute(Tuple.of(executionIds.toArray(UUID[]::new))))
        .map(rows -> {
          Map<String, Long> last = new HashMap<>();
          rows.forEach(row -> last.put(row.getUUID("execution_id").toString(), row.getLong("last_seq")));
          return last;
        });
  }

  static WorkflowDefinition definition(byte[] bytes) {
    try {
      return WorkflowDefinition.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("workflow_versions.definition is not a WorkflowDefinition: " + e.getMessage(), e);
    }
  }

  static Timestamp timestamp(OffsetDateTime time) {
    return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
  }
}
