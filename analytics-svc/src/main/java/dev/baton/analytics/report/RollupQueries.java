package dev.baton.analytics.report;

import dev.baton.analytics.rollup.DependencyStats;
import dev.baton.analytics.rollup.ExecutionStats;
import dev.baton.analytics.rollup.RollupRows;
import dev.baton.analytics.rollup.StepStats;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the rollups of one tenant's workflow in a time range. Counters could be summed in SQL,
 * but the sketches must be merged in Java anyway, and a window holds one row per minute, step and
 * version: a few thousand rows for a day, each a few KiB.
 */
final class RollupQueries {
  private static final String RANGE = " WHERE tenant = $1 AND workflow = $2 AND bucket >= $3 AND bucket < $4";
  private static final String EXECUTIONS = "SELECT executions, failed, duration_ns, duration_sketch "
      + "FROM analytics.execution_rollups" + RANGE;
  private static final String STEPS = "SELECT step, attempts, errors, retries, queue_ns, run_ns, backoff_ns, "
      + "critical_ns, critical_queue_ns, critical_run_ns, critical_backoff_ns, duration_sketch, queue_sketch "
      + "FROM analytics.step_rollups" + RANGE;
  private static final String DEPENDENCIES = "SELECT server_address, calls, failures, latency_sketch "
      + "FROM analytics.dependency_rollups" + RANGE;

  private final Pool pool;

  RollupQueries(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  Future<WindowRollups> load(String tenant, String workflow, Instant from, Instant to) {
    Tuple range = Tuple.of(tenant, workflow, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    Future<ExecutionStats> executions = pool.preparedQuery(EXECUTIONS).execute(range).map(rows -> {
      ExecutionStats total = ExecutionStats.empty();
      rows.forEach(row -> total.merge(RollupRows.executionStats(row)));
      return total;
    });
    Future<Map<String, StepStats>> steps = pool.preparedQuery(STEPS).execute(range).map(rows -> {
      Map<String, StepStats> byStep = new HashMap<>();
      for (Row row : rows) {
        byStep.computeIfAbsent(row.getString("step"), k -> StepStats.empty()).merge(RollupRows.stepStats(row));
      }
      return byStep;
    });
    Future<Map<String, DependencyStats>> hosts = pool.preparedQuery(DEPENDENCIES).execute(range).map(rows -> {
      Map<String, DependencyStats> byHost = new HashMap<>();
      for (Row row : rows) {
        byHost.computeIfAbsent(row.getString("server_address"), k -> DependencyStats.empty())
            .merge(RollupRows.dependencyStats(row));
      }
      return byHost;
    });
    return Future.all(executions, steps, hosts)
        .map(all -> new WindowRollups(executions.result(), steps.result(), hosts.result()));
  }
}
