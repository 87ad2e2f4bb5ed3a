package dev.baton.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.analytics.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** V21 on a database that holds spans in the V1/V2 table: every row is kept, its attributes split as the receiver does now. */
class SpanMigrationIT {
  private TestDatabase db;

  @BeforeEach
  void createDatabaseAtV20() {
    db = TestDatabase.create();
    Flyway.configure()
        .dataSource(db.config().jdbcUrl(), db.config().user(), db.config().password())
        .schemas(AnalyticsSchema.SCHEMA).defaultSchema(AnalyticsSchema.SCHEMA)
        .locations("classpath:db/analytics")
        .target("20")
        .load()
        .migrate();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void spansOfTheOldTableAreCopiedWithTheirRollupAttributesAsColumns() throws SQLException {
    execute("INSERT INTO analytics.spans (trace_id, span_id, service, name, kind, start_time, end_time, duration_ns, "
        + "status_code, tenant, workflow, workflow_version, execution_id, step, attempt, attributes, received_at, "
        + "rolled_up_at) VALUES "
        + "('\\x01', '\\x01', 'executor-svc', 'baton.attempt', 1, now() - interval '1 minute', now(), 60000000000, 0, "
        + "'acme', 'scoring', 2, 'e-1', 'score', 1, '{\"baton.tenant\": \"acme\", \"baton.workflow\": \"scoring\", "
        + "\"baton.workflow.version\": 2, \"baton.execution_id\": \"e-1\", \"baton.step\": \"score\", "
        + "\"baton.attempt\": 1, \"baton.item\": 3, \"baton.queue_ms\": 40, \"baton.run_ms\": \"250\", "
        + "\"baton.backoff_ms\": 12.5, \"baton.outcome\": \"failed\", \"baton.handler\": \"http\"}', "
        + "now() - interval '10 seconds', NULL), "
        + "('\\x01', '\\x02', 'orchestrator-svc', 'baton.execution', 1, now() - interval '2 minutes', now(), "
        + "120000000000, 0, 'acme', 'scoring', 2, 'e-1', NULL, NULL, '{\"baton.tenant\": \"acme\", "
        + "\"baton.workflow\": \"scoring\", \"baton.workflow.version\": 2, \"baton.execution_id\": \"e-1\", "
        + "\"baton.outcome\": \"succeeded\"}', now() - interval '5 seconds', now()), "
        + "('\\x02', '\\x01', 'billing', 'charge', 3, now(), now(), 0, 2, NULL, NULL, NULL, NULL, NULL, NULL, "
        + "'{}', now(), NULL)");

    AnalyticsSchema.migrate(db.config());

    assertThat(db.count("SELECT count(*) FROM analytics.spans")).isEqualTo(3);
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT name, item, outcome, "
        + "queue_ms, run_ms, backoff_ms, attributes::text AS attributes, rolled_up_at IS NOT NULL AS rolled_up, "
        + "tableoid::regclass::text AS partition FROM analytics.spans ORDER BY trace_id, span_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("baton.attempt");
      assertThat(rs.getInt("item")).isEqualTo(3);
      assertThat(rs.getString("outcome")).isEqualTo("failed");
      assertThat(rs.getLong("queue_ms")).isEqualTo(40);
      assertThat(rs.getLong("run_ms")).isEqualTo(250);
      assertThat(rs.getObject("backoff_ms")).as("not an integer: stays an attribute").isNull();
      assertThat(rs.getString("attributes")).isEqualTo("{\"baton.handler\": \"http\", \"baton.backoff_ms\": 12.5}");
      assertThat(rs.getBoolean("rolled_up")).isFalse();
      assertThat(rs.getString("partition")).isEqualTo("analytics.spans_default");

      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("baton.execution");
      assertThat(rs.getString("outcome")).isEqualTo("succeeded");
      assertThat(rs.getString("attributes")).isNull();
      assertThat(rs.getBoolean("rolled_up")).isTrue();

      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("charge");
      assertThat(rs.getString("attributes")).isNull();
      assertThat(rs.next()).isFalse();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect()) {
      c.createStatement().execute(sql);
    }
  }
}
