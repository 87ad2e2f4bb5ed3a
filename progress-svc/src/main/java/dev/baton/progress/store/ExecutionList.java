package dev.baton.progress.store;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.baton.progress.model.ExecutionHeader;
import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import dev.baton.proto.v1.StepError.BuiltinCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Reads a tenant's executions, newest first, for WatchExecutions (from the views of schema progress_read). */
public final class ExecutionList {
  private final Pool pool;

  public ExecutionList(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** One listed execution: its header, its stored status, and for finished ones their end and error. */
  public record Listed(ExecutionHeader header, ExecutionStatus status, com.google.protobuf.Timestamp endTime,
      StepError error) {}

  public Future<List<Listed>> newest(String tenantId, String workflowName, Set<ExecutionStatus> statuses, int limit) {
    String[] names = statuses.stream().map(EnumNames::shortName).toArray(String[]::new);
    return pool.preparedQuery("SELECT e.id, e.tenant_id, e.workflow_name, e.workflow_version, e.created_at, "
            + "e.parent_execution_id, e.status, e.finished_at, e.error, v.definition FROM progress_read.executions e "
            + "JOIN progress_read.workflow_versions v ON v.tenant_id = e.tenant_id AND v.name = e.workflow_name "
            + "AND v.version = e.workflow_version WHERE e.tenant_id = $1 AND ($2 = '' OR e.workflow_name = $2) "
            + "AND (cardinality($3::text[]) = 0 OR e.status = ANY($3::text[])) "
            + "ORDER BY e.created_at DESC, e.id DESC LIMIT $4")
        .execute(Tuple.of(tenantId, workflowName, names, limit))
        .map(rows -> {
          List<Listed> listed = new ArrayList<>();
          for (Row row : rows) {
            UUID parent = row.getUUID("parent_execution_id");
            ExecutionHeader header = new ExecutionHeader(row.getUUID("id").toString(), row.getString("tenant_id"),
                row.getString("workflow_name"), row.getInteger("workflow_version"),
                ExecutionLog.definition(row.getBuffer("definition").getBytes()),
                ExecutionLog.timestamp(row.getOffsetDateTime("created_at")), parent == null ? "" : parent.toString());
            OffsetDateTime finished = row.getOffsetDateTime("finished_at");
            listed.add(new Listed(header, EnumNames.parse(ExecutionStatus.class, row.getString("status")),
                finished == null ? null : ExecutionLog.timestamp(finished), error(row.getBuffer("error"))));
          }
          return listed;
        });
  }

  private static StepError error(Buffer bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StepError.parseFrom(bytes.getBytes());
    } catch (InvalidProtocolBufferException e) {
      return StepError.newBuilder().setCode(BuiltinCode.UNREADABLE.name()).setMessage("executions.error: " + e.getMessage()).build();
    }
  }
}
