package dev.baton.analytics.rollup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time partitions of {@code analytics.spans} (by end time, V21__partitioned_spans.sql): creates
 * them ahead, one per {@link RollupConfig#partition()} aligned on the epoch, from the raw retention
 * ago to {@value #AHEAD} partitions ahead; and drops those that ended more than the raw retention
 * ago, which is what keeps the table's size bounded without deleting rows one by one.
 *
 * <p>Dropping keeps what is still needed: the spans of traces without a rolled-up execution span
 * (executions still running, spans of other services) are moved to the default partition, where
 * {@link SpanRetention} deletes them by the old rules. A partition is not dropped while an
 * execution span that started before it ended is waiting to be rolled up, since that execution's
 * attempts may be in it; so a rollup that falls behind holds partitions back rather than losing
 * spans (up to the orphan retention).
 *
 * <p>One replica at a time maintains the partitions (a session advisory lock; the others skip).
 * Between detaching a partition and moving its surviving spans back, they are in no partition:
 * rollup transactions take {@link #ROLLUP_GATE} (shared) so that none claims an execution then.
 * DDL waits at most {@link #LOCK_TIMEOUT} for its lock and is retried on the next pass.
 */
final class SpanPartitions {
  private static final Logger log = LoggerFactory.getLogger(SpanPartitions.class);
  /** How many partitions ahead of now exist, for spans ending now and for clocks running ahead. */
  static final int AHEAD = 4;
  /** Rollup transactions take this first: they wait while a dropped partition's spans are being moved. */
  static final String ROLLUP_GATE = "SELECT pg_advisory_xact_lock_shared(7235031)";
  private static final String MOVING_LOCK = "SELECT pg_advisory_lock(7235031)";
  private static final String MOVING_UNLOCK = "SELECT pg_advisory_unlock(7235031)";
  private static final String MAINTENANCE_LOCK = "SELECT pg_try_advisory_lock(7235030) AS locked";
  private static final String MAINTENANCE_UNLOCK = "SELECT pg_advisory_unlock(7235030)";
  private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '1s'";
  /** Clocks of the orchestrator (execution span) and the executors (attempts) may disagree by this much. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'spans_'yyyyMMdd'_'HHmmss")
      .withZone(ZoneOffset.UTC);
  // the time partitions with their bounds (the default partition has none), and the database clock
  private static final String LIST = "SELECT c.relname AS name, b[1]::timestamptz AS lower, b[2]::timestamptz AS upper, "
      + "now() AS now FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid CROSS JOIN LATERAL "
      + "regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']*)''\\) TO \\(''([^'']*)''\\)') AS b "
      + "WHERE i.inhparent = 'analytics.spans'::regclass AND b IS NOT NULL ORDER BY lower";
  private static final String NOW = "SELECT now() AS now";
  // tables named like time partitions that are not attached: detached by a pass that did not finish
  private static final String DETACHED = "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n "
      + "ON n.oid = c.relnamespace WHERE n.nspname = 'analytics' AND c.relkind = 'r' AND NOT c.relispartition "
      + "AND c.relname ~ '^spans_[0-9]{8}_[0-9]{6}$'";
  // an execution waiting to be rolled up that started before the partition ended may have spans in it
  private static final String HELD = "SELECT EXISTS (SELECT 1 FROM analytics.spans WHERE name = 'baton.execution' "
      + "AND rolled_up_at IS NULL AND start_time < $1 AND received_at > now() - make_interval(secs => $2)) AS held";

  private SpanPartitions() {}

  /** Creates the partitions that should exist now (at start-up, before spans arrive). */
  static Future<Void> create(Pool pool, RollupConfig config) {
    return maintained(pool, null, conn -> createMissing(conn, config));
  }

  /** Creates missing partitions and drops expired ones; the number of partitions dropped. */
  static Future<Integer> maintain(Pool pool, RollupConfig config) {
    // a detached table still holds its name: finish it before its range is created again
    return maintained(pool, 0, conn -> finishDetached(conn)
        .compose(v -> createMissing(conn, config))
        .compose(v -> dropExpired(conn, config)));
  }

  /** Runs {@code work} unless another replica is maintaining the partitions ({@code skipped} then). */
  private static <T> Future<T> maintained(Pool pool, T skipped, Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(conn -> conn.query(MAINTENANCE_LOCK).execute().compose(rows -> {
      if (!rows.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(skipped);
      }
      return work.apply(conn).eventually(() -> conn.query(MAINTENANCE_UNLOCK).execute());
    }));
  }

  private static Future<Void> createMissing(SqlConnection conn, RollupConfig config) {
    return partitions(conn).compose(existing -> {
      List<Range> missing = missing(existing.partitions, existing.now, config);
      Future<Void> chain = Future.succeededFuture();
      for (Range range : missing) {
        chain = chain.compose(v -> createPartition(conn, range));
      }
      return chain;
    });
  }

  /** The aligned slots from the raw retention ago to {@link #AHEAD} ahead that no partition overlaps. */
  static List<Range> missing(List<Range> existing, Instant now, RollupConfig config) {
    long width = config.partition().toSeconds();
    long first = Math.floorDiv(now.minus(config.rawRetention()).getEpochSecond(), width) * width;
    long end = (Math.floorDiv(now.getEpochSecond(), width) + 1 + AHEAD) * width;
    List<Range> out = new ArrayList<>();
    for (long lower = first; lower < end; lower += width) {
      Range slot = new Range(Instant.ofEpochSecond(lower), Instant.ofEpochSecond(lower + width));
      if (existing.stream().noneMatch(slot::overlaps)) {
        out.add(slot);
      }
    }
    return out;
  }

  /**
   * A standalone table attached as the partition: attaching does not lock out inserts into the other
   * partitions as creating it with PARTITION OF would. Spans the default partition holds in its
   * range (late ones, ones from a clock running ahead) move in first, or attaching would fail.
   */
  private static Future<Void> createPartition(SqlConnection conn, Range range) {
    String table = "analytics." + NAME.format(range.lower);
    String from = "'" + range.lower + "'";
    String to = "'" + range.upper + "'";
    return inTransaction(conn, tx -> tx.query(LOCK_TIMEOUT).execute()
        .compose(v -> tx.query("CREATE TABLE " + table + " (LIKE analytics.spans INCLUDING DEFAULTS)").execute())
        .compose(v -> tx.query("WITH moved AS (DELETE FROM analytics.spans_default WHERE end_time >= " + from
            + " AND end_time < " + to + " RETURNING *) INSERT INTO " + table + " SELECT * FROM moved").execute())
        .compose(v -> tx.query("ALTER TABLE analytics.spans ATTACH PARTITION " + table + " FOR VALUES FROM (" + from
            + ") TO (" + to + ")").execute())
        .mapEmpty());
  }

  private static Future<Integer> dropExpired(SqlConnection conn, RollupConfig config) {
    return partitions(conn).compose(existing -> {
      Instant horizon = existing.now.minus(config.rawRetention());
      List<Range> expired = existing.partitions.stream().filter(p -> !p.upper.isAfter(horizon)).toList();
      return dropInOrder(conn, expired, 0, config);
    });
  }

  private static Future<Integer> dropInOrder(SqlConnection conn, List<Range> expired, int index, RollupConfig config) {
    if (index >= expired.size()) {
      return Future.succeededFuture(index);
    }
    Range partition = expired.get(index);
    return conn.preparedQuery(HELD).execute(Tuple.of(partition.upper.plus(CLOCK_SKEW).atOffset(ZoneOffset.UTC),
        config.orphanRetention().toSeconds())).compose(rows -> {
          if (rows.iterator().next().getBoolean("held")) {
            log.debug("partition {} is held back: executions that started before it ended wait to be rolled up",
                partition.name);
            return Future.succeededFuture(index); // younger partitions are held back too
          }
          return drop(conn, partition).compose(v -> dropInOrder(conn, expired, index + 1, config));
        });
  }

  /**
   * Detaches the partition (briefly locking the table), then moves its surviving spans and drops it
   * ({@link #moveSurvivorsAndDrop}).
   */
  private static Future<Void> drop(SqlConnection conn, Range partition) {
    return whileMoving(conn, () -> inTransaction(conn, tx -> tx.query(LOCK_TIMEOUT).execute()
        .compose(v -> tx.query("ALTER TABLE analytics.spans DETACH PARTITION analytics." + partition.name).execute()))
        .compose(v -> moveSurvivorsAndDrop(conn, partition.name)));
  }

  /** A partition detached by a pass that failed before dropping it: its spans are in no partition until then. */
  private static Future<Void> finishDetached(SqlConnection conn) {
    return conn.query(DETACHED).execute().compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        String name = row.getString("name");
        chain = chain.compose(v -> whileMoving(conn, () -> moveSurvivorsAndDrop(conn, name)));
      }
      return chain;
    });
  }

  /**
   * Moves the spans of the detached partition's traces that have no rolled-up execution span
   * anywhere to the default partition, and drops it, in one transaction. Traces whose execution span
   * ended in the partition are decided within it; only the others are looked up by key.
   */
  private static Future<Void> moveSurvivorsAndDrop(SqlConnection conn, String name) {
    String table = "analytics." + name;
    String survivors = "WITH done_here AS (SELECT trace_id FROM " + table + " WHERE name = 'baton.execution' "
        + "AND rolled_up_at IS NOT NULL), candidates AS (SELECT trace_id FROM " + table + " EXCEPT "
        + "SELECT trace_id FROM done_here), surviving AS (SELECT c.trace_id FROM candidates c WHERE NOT EXISTS "
        + "(SELECT 1 FROM analytics.spans e WHERE e.trace_id = c.trace_id AND e.name = 'baton.execution' "
        + "AND e.rolled_up_at IS NOT NULL)) INSERT INTO analytics.spans SELECT p.* FROM " + table + " p "
        + "WHERE p.trace_id IN (SELECT trace_id FROM surviving) ON CONFLICT (trace_id, span_id, end_time) DO NOTHING";
    return inTransaction(conn, tx -> tx.query(survivors).execute()
        .compose(moved -> tx.query("DROP TABLE " + table).execute()
            .onSuccess(d -> log.info("dropped span partition {}; {} spans of traces not rolled up moved to the "
                + "default partition", name, moved.rowCount())))
        .mapEmpty());
  }

  /** Holds rollups back (they take {@link #ROLLUP_GATE}) while spans are out of every partition. */
  private static Future<Void> whileMoving(SqlConnection conn, Supplier<Future<Void>> work) {
    return conn.query(MOVING_LOCK).execute()
        .compose(locked -> work.get().eventually(() -> conn.query(MOVING_UNLOCK).execute()));
  }

  private static Future<Partitions> partitions(SqlConnection conn) {
    return conn.query(LIST).execute().compose(rows -> {
      List<Range> out = new ArrayList<>();
      for (Row row : rows) {
        out.add(new Range(row.getString("name"), row.getOffsetDateTime("lower").toInstant(),
            row.getOffsetDateTime("upper").toInstant()));
      }
      if (!out.isEmpty()) {
        return Future.succeededFuture(new Partitions(out, rows.iterator().next().getOffsetDateTime("now").toInstant()));
      }
      return conn.query(NOW).execute().map(now ->
          new Partitions(out, now.iterator().next().getOffsetDateTime("now").toInstant()));
    });
  }

  private static <T> Future<T> inTransaction(SqlConnection conn, Function<SqlConnection, Future<T>> work) {
    return conn.begin().compose(tx -> work.apply(conn)
        .compose(result -> tx.commit().map(result),
            failure -> tx.rollback().transform(r -> Future.failedFuture(failure))));
  }

  private record Partitions(List<Range> partitions, Instant now) {}

  /** A partition's end-time range [lower, upper) and its table name. */
  record Range(String name, Instant lower, Instant upper) {
    Range(Instant lower, Instant upper) {
      this(NAME.format(lower), lower, upper);
    }

    boolean overlaps(Range other) {
      return lower.isBefore(other.upper) && other.lower.isBefore(upper);
    }
  }
}
