package dev.baton.progress.eta;

import dev.baton.proto.v1.ExecutionEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step durations of a workflow version's latest successful runs, read with one query and cached
 * per (tenant, workflow, version) for {@code ttl}, so that many watchers of one workflow cost one
 * query every few seconds. Reads progress_read.executions and progress_read.execution_events.
 */
public final class StepHistories {
  private final Pool pool;
  private final Clock clock;
  private final int runs;
  private final Duration ttl;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

  private record Key(String tenantId, String workflowName, int version) {}

  private record Cached(Future<StepHistory> history, Instant loadedAt) {}

  public StepHistories(Pool pool, Clock clock, int runs, Duration ttl) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runs = runs;
    this.ttl = Objects.requireNonNull(ttl, "ttl");
  }

  /** The history of this version; from the cache while it is fresh (a failed load is retried). */
  public Future<StepHistory> history(String tenantId, String workflowName, int version) {
    Key key = new Key(tenantId, workflowName, version);
    Instant now = clock.instant();
    Cached cached = cache.compute(key, (k, old) -> old != null && !old.history().failed()
        && old.loadedAt().plus(ttl).isAfter(now) ? old : new Cached(load(k), now));
    return cached.history();
  }

  private Future<StepHistory> load(Key key) {
    return pool.preparedQuery("WITH recent AS (SELECT id FROM progress_read.executions WHERE tenant_id = $1 "
            + "AND workflow_name = $2 "
            + "AND workflow_version = $3 AND status = 'SUCCEEDED' ORDER BY finished_at DESC LIMIT $4) "
            + "SELECT ev.execution_id, ev.step_id, "
            + "min(ev.created_at) FILTER (WHERE ev.type = $5) AS started, "
            + "max(ev.created_at) FILTER (WHERE ev.type = $6) AS succeeded "
            + "FROM progress_read.execution_events ev JOIN recent r ON r.id = ev.execution_id "
            + "WHERE ev.type IN ($5, $6) GROUP BY ev.execution_id, ev.step_id")
        .execute(Tuple.of(key.tenantId(), key.workflowName(), key.version(), runs,
            ExecutionEvent.Type.STEP_STARTED.name(), ExecutionEvent.Type.STEP_SUCCEEDED.name()))
        .map(rows -> {
          Set<Object> executions = new HashSet<>();
          Map<String, List<Duration>> durations = new HashMap<>();
          for (Row row : rows) {
            executions.add(row.getUUID("execution_id"));
            OffsetDateTime started = row.getOffsetDateTime("started");
            OffsetDateTime succeeded = row.getOffsetDateTime("succeeded");
            if (started != null && succeeded != null) {
              durations.computeIfAbsent(row.getString("step_id"), s -> new ArrayList<>())
                  .add(Duration.between(started, succeeded));
            }
          }
          return StepHistory.of(key.version(), executions.size(), durations);
        });
  }
}
