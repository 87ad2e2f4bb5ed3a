package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import dev.baton.common.config.PostgresConfig;
import dev.baton.common.postgres.PgPools;
import dev.baton.common.vertx.Blocking;
import dev.baton.progress.eta.StepHistories;
import dev.baton.progress.eta.StepHistory;
import dev.baton.progress.store.ExecutionList;
import dev.baton.progress.store.ExecutionLog;
import dev.baton.progress.store.ReadQueue;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.GetWorkflowRequest;
import dev.baton.proto.v1.WorkflowDefinition;
import dev.baton.sdk.client.BatonClient;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * progress-svc's read contract with the orchestrator: the views of schema progress_read, created by
 * the orchestrator's migration V8__progress_read_contract.sql. On a freshly migrated database with
 * real executions, progress-svc's own reads (ExecutionLog, ExecutionList, StepHistories) run as a
 * role that may read nothing but that schema and find what the orchestrator's API says. A migration
 * that drops, renames or retypes what progress-svc reads, or a progress-svc query that reaches
 * past the views, fails here.
 */
class ProgressReadContractIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_DEV_PROGRESS", "false"));

  /** The contract, column by column ("name type"), as the migration documents it. */
  static final Map<String, List<String>> CONTRACT = Map.of(
      "executions", List.of("id uuid", "tenant_id text", "workflow_name text", "workflow_version integer",
          "status text", "parent_execution_id uuid", "error bytea", "created_at timestamp with time zone",
          "finished_at timestamp with time zone"),
      "workflow_versions", List.of("tenant_id text", "name text", "version integer", "definition bytea"),
      "execution_events", List.of("execution_id uuid", "seq bigint", "type text", "step_id text",
          "item_index integer", "attempt integer", "payload jsonb", "created_at timestamp with time zone"));

  static final String CHILD = """
      name: contract-child
      steps:
        - { id: inner, handler: noop }
      """;
  static final String PARENT = """
      name: contract-parent
      steps:
        - { id: first, handler: noop }
        - { id: child, workflow: contract-child, dependsOn: [first] }
        - { id: each, handler: noop, forEach: { items: "input.items" }, dependsOn: [first] }
      """;
  static final String FAILING = """
      name: contract-failing
      steps:
        - { id: boom, handler: test-fail, config: { code: CONTRACT_BROKEN, retryable: false } }
      """;
  static final Duration WAIT = Duration.ofSeconds(30);

  static final String ROLE = "progress_reader_" + UUID.randomUUID().toString().substring(0, 8);
  static Vertx vertx;
  static Pool reader;
  static Execution parent;
  static Execution child;
  static Execution failed;

  @BeforeAll
  static void runExecutionsAndConnectAsAReaderOfTheContractOnly() {
    BatonClient client = stack.platform().client();
    Executions.apply(client, CHILD);
    Executions.apply(client, PARENT);
    Executions.apply(client, FAILING);
    parent = Executions.awaitEnd(client, Executions.start(client, "contract-parent", "{\"items\": [1, 2]}").getId(),
        WAIT);
    child = Executions.get(client, parent.getSteps(1).getChildExecutionIds(0));
    failed = Executions.awaitEnd(client, Executions.start(client, "contract-failing", "{}").getId(), WAIT);
    assertThat(parent.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(failed.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);

    Db.update(stack.platform(), "CREATE ROLE " + ROLE + " LOGIN");
    Db.update(stack.platform(), "GRANT USAGE ON SCHEMA progress_read TO " + ROLE);
    Db.update(stack.platform(), "GRANT SELECT ON ALL TABLES IN SCHEMA progress_read TO " + ROLE);
    PostgresConfig pg = stack.platform().postgres();
    vertx = Vertx.vertx();
    reader = PgPools.create(vertx, new PostgresConfig(pg.host(), pg.port(), pg.database(), ROLE, "", 2));
  }

  @AfterAll
  static void dropTheRole() {
    if (reader != null) {
      Blocking.await(reader.close(), WAIT, "closing the reader's pool");
    }
    if (vertx != null) {
      Blocking.await(vertx.close(), WAIT, "closing Vert.x");
    }
    // roles belong to the whole server: this one goes, with its grants, before its database does
    Db.update(stack.platform(), "DROP OWNED BY " + ROLE);
    Db.update(stack.platform(), "DROP ROLE " + ROLE);
  }

  @Test
  void theReaderRoleCannotReadTheOrchestratorsTables() {
    assertThatThrownBy(() -> await(reader.query("SELECT count(*) FROM executions").execute()))
        .hasRootCauseInstanceOf(PgException.class)
        .rootCause().satisfies(e -> assertThat(((PgException) e).getSqlState()).isEqualTo("42501"));
  }

  @Test
  void anExecutionIsFoundWithItsDefinitionParentAndLastSequence() {
    ExecutionLog log = new ExecutionLog(reader, new ReadQueue(2, OpenTelemetry.noop().getMeter("contract")));

    ExecutionLog.Found found = await(log.find(UUID.fromString(child.getId()), "default")).orElseThrow();

    assertThat(found.header().executionId()).isEqualTo(child.getId());
    assertThat(found.header().tenantId()).isEqualTo("default");
    assertThat(found.header().workflowName()).isEqualTo("contract-child");
    assertThat(found.header().workflowVersion()).isEqualTo(child.getWorkflowVersion());
    assertThat(found.header().definition()).isEqualTo(definition("contract-child"));
    assertThat(found.header().createTime()).isEqualTo(child.getCreateTime());
    assertThat(found.header().parentExecutionId()).isEqualTo(parent.getId());
    assertThat(found.lastSequence()).isEqualTo(EventRows.of(stack.platform(), child.getId()).size());
    assertThat(await(log.find(UUID.fromString(child.getId()), "another-tenant"))).isEmpty();
  }

  @Test
  void theEventLogReadsAsTheOrchestratorWroteIt() {
    ExecutionLog log = new ExecutionLog(reader, new ReadQueue(2, OpenTelemetry.noop().getMeter("contract")));

    List<ExecutionEvent> events = await(log.eventsAfter(UUID.fromString(parent.getId()), 0));

    assertThat(events).map(EventRows.Row::of).isEqualTo(EventRows.of(stack.platform(), parent.getId()));
    assertThat(events).map(ExecutionEvent::getSequence).startsWith(1L, 2L).isSorted();
    assertThat(events).allSatisfy(e -> assertThat(Timestamps.between(parent.getCreateTime(), e.getTime()).getSeconds())
        .isBetween(0L, WAIT.getSeconds()));
    assertThat(await(log.eventsAfter(UUID.fromString(parent.getId()), events.size() - 1L))).hasSize(1);
    assertThat(await(log.lastSequences(List.of(UUID.fromString(parent.getId()), UUID.fromString(failed.getId())))))
        .containsOnly(Map.entry(parent.getId(), (long) events.size()),
            Map.entry(failed.getId(), (long) EventRows.of(stack.platform(), failed.getId()).size()));
  }

  @Test
  void theListShowsStatusEndAndErrorOfEachExecution() {
    List<ExecutionList.Listed> listed = await(new ExecutionList(reader).newest("default", "", Set.of(), 50));

    Map<String, ExecutionList.Listed> byId = new LinkedHashMap<>();
    listed.forEach(l -> byId.put(l.header().executionId(), l));
    assertThat(byId).containsKeys(parent.getId(), child.getId(), failed.getId());
    ExecutionList.Listed ok = byId.get(parent.getId());
    assertThat(ok.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    assertThat(ok.endTime()).isEqualTo(parent.getEndTime());
    assertThat(ok.error()).isNull();
    assertThat(ok.header().definition()).isEqualTo(definition("contract-parent"));
    ExecutionList.Listed bad = byId.get(failed.getId());
    assertThat(bad.status()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    assertThat(bad.endTime()).isEqualTo(failed.getEndTime());
    assertThat(bad.error()).isEqualTo(failed.getError());
    assertThat(bad.error().getCode()).isEqualTo("CONTRACT_BROKEN");
    assertThat(await(new ExecutionList(reader).newest("default", "contract-failing",
        Set.of(ExecutionStatus.EXECUTION_STATUS_FAILED), 50))).map(l -> l.header().executionId())
        .containsExactly(failed.getId());
  }

  @Test
  void stepHistoriesCountTheSuccessfulRunsOfAVersion() {
    StepHistories histories = new StepHistories(reader, Clock.systemUTC(), 20, Duration.ofSeconds(5));

    StepHistory history = await(histories.history("default", "contract-parent", parent.getWorkflowVersion()));

    assertThat(history.runs()).isEqualTo(1);
    assertThat(history.medians()).containsOnlyKeys("first", "child", "each");
    assertThat(await(histories.history("default", "contract-failing", failed.getWorkflowVersion())).runs()).isZero();
  }

  @Test
  void theViewsHaveTheContractsColumnsEachDocumented() throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    List<String> undocumented = new ArrayList<>();
    PostgresConfig pg = stack.platform().postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT c.relname, a.attname, "
             + "format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS comment, "
             + "obj_description(c.oid, 'pg_class') AS view_comment FROM pg_class c "
             + "JOIN pg_namespace n ON n.oid = c.relnamespace "
             + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
             + "WHERE n.nspname = 'progress_read' ORDER BY c.relname, a.attnum")) {
      while (rs.next()) {
        String view = rs.getString("relname");
        columns.computeIfAbsent(view, v -> new ArrayList<>()).add(rs.getString("attname") + " " + rs.getString("type"));
        if (isBlank(rs.getString("comment")) || isBlank(rs.getString("view_comment"))) {
          undocumented.add(view + "." + rs.getString("attname"));
        }
      }
    }
    assertThat(columns).isEqualTo(CONTRACT);
    assertThat(undocumented).isEmpty();
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static WorkflowDefinition definition(String name) {
    return stack.platform().client().workflows().getWorkflow(GetWorkflowRequest.newBuilder().setName(name).build())
        .getDefinition();
  }

  private static <T> T await(Future<T> future) {
    return Blocking.await(future, WAIT, "a read of the contract");
  }
}
