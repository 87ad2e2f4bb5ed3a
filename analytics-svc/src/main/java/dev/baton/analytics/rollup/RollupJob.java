package dev.baton.analytics.rollup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls finished executions up every {@link RollupConfig#interval()}, then applies the raw-span
 * retention (time partitions: {@link SpanPartitions}; the default partition: {@link SpanRetention}). Every replica of analytics-svc runs it: each transaction claims a disjoint set of
 * executions ({@link FinishedExecutions}), merges their deltas under row locks
 * ({@link RollupWriter}) and marks their spans in the same commit, so an execution is counted
 * exactly once even when a replica dies half-way (its transaction rolls back and the claim lapses).
 */
public final class RollupJob {
  private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
  /** Batches per tick at most, so that a backlog does not starve the retention. */
  private static final int MAX_BATCHES_PER_TICK = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final RollupConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public RollupJob(Vertx vertx, Pool pool, RollupConfig config) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
  }

  public void start() {
    timer = vertx.setPeriodic(config.interval().toMillis(), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Creates the span partitions that should exist now; blocks nothing else (start-up, before spans arrive). */
  public Future<Void> preparePartitions() {
    return SpanPartitions.create(pool, config);
  }

  /** One rollup pass and retention run; skipped while the previous one is still going. */
  public Future<Integer> tick() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return drain(0, 0)
        .onFailure(e -> log.warn("rollup pass failed ({}); the executions it claimed stay pending and are rolled up "
            + "by the next pass", e.toString()))
        .compose(rolled -> retention().map(rolled))
        .onComplete(done -> running.set(false));
  }

  /** Never fails: what it could not do now (a lock not granted in time, say), the next pass does. */
  private Future<Void> retention() {
    return SpanPartitions.maintain(pool, config)
        .onFailure(e -> log.warn("span partition maintenance failed ({}); retried by the next pass", e.toString()))
        .transform(partitions -> SpanRetention.run(pool, config.rawRetention(), config.orphanRetention()))
        .onFailure(e -> log.warn("deleting expired spans of the default partition failed ({}); retried by the next "
            + "pass", e.toString()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  private Future<Integer> drain(int batches, int rolledSoFar) {
    return rollUpOneBatch().compose(rolled -> rolled < config.batchSize() || batches + 1 >= MAX_BATCHES_PER_TICK
        ? Future.succeededFuture(rolledSoFar + rolled)
        : drain(batches + 1, rolledSoFar + rolled));
  }

  /** Claims, aggregates, merges and marks one batch in one transaction; the number of executions. */
  Future<Integer> rollUpOneBatch() {
    return pool.withTransaction(conn -> conn.query(SpanPartitions.ROLLUP_GATE).execute()
        .compose(gate -> FinishedExecutions.claim(conn, config.grace(), config.batchSize()))
        .compose(claim -> {
          if (claim.executions().isEmpty()) {
            return Future.succeededFuture(0);
          }
          RollupBatch batch = new RollupBatch();
          claim.executions().forEach(batch::add);
          return RollupWriter.write(conn, batch)
              .compose(v -> FinishedExecutions.markRolledUp(conn, claim))
              .map(claim.executions().size());
        }));
  }
}
