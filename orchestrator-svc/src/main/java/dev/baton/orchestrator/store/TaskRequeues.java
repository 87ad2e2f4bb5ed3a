package dev.baton.orchestrator.store;

import static dev.baton.orchestrator.store.Rows.bytes;

import dev.baton.orchestrator.engine.TaskRecord;
import dev.baton.orchestrator.engine.TaskStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Puts a task back on its queue: a retry whose backoff ended, or an attempt whose lease lapsed
 * (the lease reconciler's work, under the execution's lock). Executor heartbeats renew leases in
 * {@link TaskLeases}.
 */
public final class TaskRequeues {
  /** Result of {@link #requeue}. */
  public record Requeued(TaskRecord task, TaskStatus fromStatus, dev.baton.proto.internal.v1.Task payload, boolean exhausted) {}

  /**
   * Under the execution's lock: marks a due SCHEDULED task (unless {@code scheduledToo} is false:
   * the execution is paused and holds them), or a QUEUED/RUNNING one whose lease lapsed, as QUEUED
   * again with a fresh lease. Null when the task is not due (someone else did it).
   * {@code exhausted} when it has been delivered {@code maxDeliveries} times already (not requeued).
   */
  public Future<Requeued> requeue(SqlConnection conn, UUID taskId, java.time.Duration lease, int maxDeliveries,
      boolean scheduledToo) {
    return conn.preparedQuery("SELECT " + ExecutionRows.TASK_COLUMNS
            + ", payload, deliveries, created_at FROM tasks WHERE id = $1 AND (($2 AND status = 'SCHEDULED' AND due_at <= now()) OR "
            + "(status IN ('QUEUED', 'RUNNING') AND lease_expires_at < now())) FOR UPDATE")
        .execute(Tuple.of(taskId, scheduledToo))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row r = rows.iterator().next();
          TaskRecord task = ExecutionRows.task(r);
          int deliveries = r.getInteger("deliveries");
          dev.baton.proto.internal.v1.Task payload;
          try {
            payload = dev.baton.proto.internal.v1.Task.parseFrom(r.getBuffer("payload").getBytes());
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return Future.failedFuture(new IllegalStateException("task " + taskId + " has a corrupt payload", e));
          }
          if (task.status() != TaskStatus.SCHEDULED && deliveries >= maxDeliveries) {
            return Future.succeededFuture(new Requeued(task, task.status(), payload, true));
          }
          dev.baton.proto.internal.v1.Task stored = payload.toBuilder().setDelivery(deliveries + 1).build();
          dev.baton.proto.internal.v1.Task dispatched = stored;
          if (task.status() == TaskStatus.SCHEDULED) {
            // the retry's row was written when its predecessor failed: its backoff began then. Only
            // this first dispatch carries it; a redelivery after a lapsed lease has no backoff.
            java.time.Instant scheduledAt = r.getOffsetDateTime("created_at").toInstant();
            dispatched = stored.toBuilder().setBackoffStartTime(com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(scheduledAt.getEpochSecond()).setNanos(scheduledAt.getNano())).build();
          }
          dev.baton.proto.internal.v1.Task next = dispatched;
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
}
