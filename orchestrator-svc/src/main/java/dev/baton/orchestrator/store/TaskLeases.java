package dev.baton.orchestrator.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Lease renewals from executor heartbeats. */
public final class TaskLeases {
  private final Pool pool;

  public TaskLeases(Pool pool) {
    this.pool = pool;
  }

  /**
   * Which of these tasks are {@code tenant}'s: what a tenant-bound executor key may report on or
   * renew (another tenant's task is to it as one that does not exist).
   */
  public Future<Set<UUID>> ofTenant(List<UUID> taskIds, String tenant) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery("SELECT id FROM tasks WHERE id = ANY($1) AND tenant_id = $2")
        .execute(Tuple.of(taskIds.toArray(new UUID[0]), tenant))
        .map(rows -> {
          Set<UUID> own = new HashSet<>();
          rows.forEach(r -> own.add(r.getUUID("id")));
          return own;
        });
  }

  /** Renews the leases of the tasks that are still open; returns those (the rest were cancelled or ended). */
  public Future<Set<UUID>> renew(List<UUID> taskIds, Duration lease) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery("UPDATE tasks SET status = 'RUNNING', lease_expires_at = now() + $2 * interval '1 millisecond' "
            + "WHERE id = ANY($1) AND status IN ('QUEUED', 'RUNNING') RETURNING id")
        .execute(Tuple.of(taskIds.toArray(new UUID[0]), lease.toMillis()))
        .map(rows -> {
          Set<UUID> open = new HashSet<>();
          rows.forEach(r -> open.add(r.getUUID("id")));
          return open;
        });
  }
}
