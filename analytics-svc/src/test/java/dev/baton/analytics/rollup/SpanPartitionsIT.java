package dev.baton.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.analytics.AnalyticsFixture;
import dev.baton.analytics.TestDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention of raw spans on a real PostgreSQL: time partitions created ahead and dropped whole once
 * expired, keeping the spans of traces not rolled up in the default partition, and that partition's
 * own deletes. Expiry is made by passing a shorter raw retention than the partitions were created
 * with, rather than by waiting.
 */
class SpanPartitionsIT {
  private static final Duration WIDTH = Duration.ofMinutes(5);
  /** Partitions from an hour ago: spans can be placed at chosen times in the past. */
  private static final RollupConfig CREATED = config(Duration.ofHours(1));
  /** Everything that ended more than 10 minutes ago has expired. */
  private static final RollupConfig EXPIRING = config(Duration.ofMinutes(10));

  private AnalyticsFixture fixture;
  private TestDatabase db;
  private Pool pool;
  private Instant now;

  private static RollupConfig config(Duration rawRetention) {
    return new RollupConfig(Duration.ofHours(1), Duration.ZERO, 500, rawRetention, Duration.ofHours(24), WIDTH);
  }

  @BeforeEach
  void start() {
    fixture = AnalyticsFixture.create();
    db = fixture.database();
    pool = fixture.migratedPool();
    now = Instant.now();
    await(SpanPartitions.create(pool, CREATED));
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void partitionsAreCreatedWithoutGapsFromTheRawRetentionAgoToAheadOfNow() throws SQLException {
    List<Instant[]> partitions = timePartitions();

    Instant hourAgo = now.minus(Duration.ofHours(1));
    assertThat(partitions.get(0)[0]).isBefore(hourAgo.plusSeconds(5)).isAfter(hourAgo.minus(WIDTH));
    assertThat(partitions.get(partitions.size() - 1)[1])
        .isAfterOrEqualTo(now.plus(WIDTH.multipliedBy(SpanPartitions.AHEAD)));
    for (int i = 1; i < partitions.size(); i++) {
      assertThat(partitions.get(i)[0]).isEqualTo(partitions.get(i - 1)[1]);
      assertThat(Duration.between(partitions.get(i)[0], partitions.get(i)[1])).isEqualTo(WIDTH);
    }
  }

  @Test
  void anExpiredPartitionIsDroppedAndTheSpansOfTracesNotRolledUpMoveToTheDefaultPartition() throws SQLException {
    Instant old = now.minus(Duration.ofMinutes(40));
    byte[] done = trace(1);
    insert(done, 1, "baton.execution", "e-1", old.minusSeconds(5), old, now.minus(Duration.ofMinutes(30)));
    insert(done, 2, "baton.attempt", "e-1", old.minusSeconds(5), old.minusSeconds(1), null);
    byte[] running = trace(2); // its execution span has not come yet
    insert(running, 1, "baton.attempt", "e-2", old.minusSeconds(5), old, null);
    byte[] foreign = trace(3);
    insert(foreign, 1, "SELECT", null, old.minusSeconds(1), old, null);
    byte[] endedLater = trace(4); // its execution span ended in a partition that has not expired
    insert(endedLater, 1, "baton.attempt", "e-4", old.minusSeconds(5), old, null);
    insert(endedLater, 2, "baton.execution", "e-4", old.minusSeconds(5), now.minusSeconds(60), now);
    String expired = partitionOf(done);

    int dropped = await(SpanPartitions.maintain(pool, EXPIRING));

    assertThat(dropped).isPositive();
    assertThat(timePartitions()).allSatisfy(p -> assertThat(p[1]).isAfter(now.minus(Duration.ofMinutes(10))));
    assertThat(db.count("SELECT count(*) FROM pg_class WHERE relname = '" + expired + "'")).isZero();
    assertThat(spans(done)).isEmpty();
    assertThat(spans(running)).containsExactly("analytics.spans_default");
    assertThat(spans(foreign)).containsExactly("analytics.spans_default");
    assertThat(spans(endedLater)).hasSize(1).allSatisfy(p -> assertThat(p).isNotEqualTo("analytics.spans_default"));
  }

  @Test
  void aPartitionIsHeldBackWhileAnExecutionThatStartedBeforeItEndedWaitsToBeRolledUp() throws SQLException {
    byte[] trace = trace(5);
    Instant started = now.minus(Duration.ofMinutes(30));
    insert(trace, 1, "baton.attempt", "e-5", started, started.plusSeconds(60), null);
    insert(trace, 2, "baton.execution", "e-5", started, now.minusSeconds(5), null); // arrived, not rolled up
    String held = "analytics." + partitionOf(trace);

    await(SpanPartitions.maintain(pool, EXPIRING));

    assertThat(spans(trace)).contains(held);
    // those that ended before it started (with a minute for clocks that disagree) are dropped
    Instant skewed = started.minus(Duration.ofMinutes(1));
    assertThat(timePartitions().get(0)[1]).isAfter(skewed).isBeforeOrEqualTo(skewed.plus(WIDTH));

    execute("UPDATE analytics.spans SET rolled_up_at = now() WHERE name = 'baton.execution'");
    await(SpanPartitions.maintain(pool, EXPIRING));

    assertThat(spans(trace)).as("the attempt's partition is dropped with the rolled-up trace; the execution span "
        + "stays in its own").hasSize(1).doesNotContain(held, "analytics.spans_default");
  }

  @Test
  void creatingAPartitionMovesInTheSpansTheDefaultPartitionHeldInItsRange() throws SQLException {
    List<Instant[]> partitions = timePartitions();
    Instant[] newest = partitions.get(partitions.size() - 1);
    String name = partitionAt(newest[0]);
    execute("ALTER TABLE analytics.spans DETACH PARTITION analytics." + name);
    execute("DROP TABLE analytics." + name);
    byte[] ahead = trace(6); // from a clock running ahead: no partition covered it
    insert(ahead, 1, "GET", null, newest[0], newest[0].plusSeconds(1), null);
    assertThat(spans(ahead)).containsExactly("analytics.spans_default");

    await(SpanPartitions.create(pool, CREATED));

    assertThat(spans(ahead)).containsExactly("analytics." + name);
  }

  @Test
  void aPartitionLeftDetachedByAPassThatFailedIsFinishedByTheNext() throws SQLException {
    Instant old = now.minus(Duration.ofMinutes(40));
    byte[] done = trace(7);
    insert(done, 1, "baton.execution", "e-7", old.minusSeconds(5), old, now.minus(Duration.ofMinutes(30)));
    byte[] running = trace(8);
    insert(running, 1, "baton.attempt", "e-8", old.minusSeconds(5), old, null);
    String partition = partitionOf(done);
    execute("ALTER TABLE analytics.spans DETACH PARTITION analytics." + partition);

    await(SpanPartitions.maintain(pool, CREATED)); // nothing has expired under this retention

    assertThat(spans(done)).isEmpty();
    // the surviving span went to the default partition, then into the partition created again for its range
    assertThat(timePartitions().stream().map(p -> p[0]).toList()).contains(partitionStart(old));
    assertThat(spans(running)).containsExactly("analytics." + partition);
  }

  @Test
  void theDefaultPartitionDeletesRolledUpTracesAfterTheRawRetentionAndTheRestAfterTheOrphanRetention()
      throws SQLException {
    Instant late = now.minus(Duration.ofDays(3)); // before every time partition
    byte[] done = trace(9);
    insert(done, 1, "baton.execution", "e-9", late, late.plusSeconds(1), now.minus(Duration.ofHours(2)));
    byte[] orphan = trace(10);
    insert(orphan, 1, "GET", null, late, late.plusSeconds(1), null);
    byte[] expiredOrphan = trace(11);
    insert(expiredOrphan, 1, "GET", null, late, late.plusSeconds(1), null);
    execute("UPDATE analytics.spans SET received_at = now() - interval '2 hours'");
    execute("UPDATE analytics.spans SET received_at = now() - interval '25 hours' WHERE trace_id = '\\x"
        + java.util.HexFormat.of().formatHex(expiredOrphan) + "'");

    long deleted = await(SpanRetention.run(pool, CREATED.rawRetention(), CREATED.orphanRetention()));

    assertThat(deleted).isEqualTo(2);
    assertThat(spans(done)).isEmpty();
    assertThat(spans(orphan)).containsExactly("analytics.spans_default");
    assertThat(spans(expiredOrphan)).isEmpty();
  }

  /** A span row as the receiver stores it, with its rolled-up time (execution spans) set or not. */
  private void insert(byte[] trace, int span, String name, String executionId, Instant start, Instant end,
      Instant rolledUpAt) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO analytics.spans "
        + "(trace_id, span_id, service, name, kind, start_time, end_time, duration_ns, status_code, tenant, workflow, "
        + "execution_id, rolled_up_at) VALUES (?, ?, 'test', ?, 1, ?, ?, ?, 0, ?, ?, ?, ?)")) {
      insert.setBytes(1, trace);
      insert.setBytes(2, ByteBuffer.allocate(8).putLong(span).array());
      insert.setString(3, name);
      insert.setTimestamp(4, Timestamp.from(start));
      insert.setTimestamp(5, Timestamp.from(end));
      insert.setLong(6, Duration.between(start, end).toNanos());
      insert.setString(7, executionId == null ? null : "acme");
      insert.setString(8, executionId == null ? null : "scoring");
      insert.setString(9, executionId);
      insert.setTimestamp(10, rolledUpAt == null ? null : Timestamp.from(rolledUpAt));
      insert.executeUpdate();
    }
  }

  /** The partition (table) of each stored span of the trace. */
  private List<String> spans(byte[] trace) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); PreparedStatement query = c.prepareStatement(
        "SELECT tableoid::regclass::text FROM analytics.spans WHERE trace_id = ? ORDER BY span_id")) {
      query.setBytes(1, trace);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private String partitionOf(byte[] trace) throws SQLException {
    return spans(trace).get(0).substring("analytics.".length());
  }

  private String partitionAt(Instant lower) {
    return java.time.format.DateTimeFormatter.ofPattern("'spans_'yyyyMMdd'_'HHmmss").withZone(java.time.ZoneOffset.UTC)
        .format(lower);
  }

  private Instant partitionStart(Instant time) {
    long width = WIDTH.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), width) * width);
  }

  /** [lower, upper) of each time partition, oldest first. */
  private List<Instant[]> timePartitions() throws SQLException {
    List<Instant[]> out = new ArrayList<>();
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT b[1]::timestamptz, "
        + "b[2]::timestamptz FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid CROSS JOIN LATERAL "
        + "regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']*)''\\) TO \\(''([^'']*)''\\)') AS b "
        + "WHERE i.inhparent = 'analytics.spans'::regclass AND b IS NOT NULL ORDER BY 1")) {
      while (rs.next()) {
        out.add(new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()});
      }
    }
    return out;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute(sql);
    }
  }

  private static byte[] trace(int i) {
    return ByteBuffer.allocate(16).putLong(0x5ba2).putLong(i).array();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
