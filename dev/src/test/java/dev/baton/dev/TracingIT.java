package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One execution is one trace: the spans the orchestrator and the executor (and its http handler)
 * export to the platform's analytics-svc share the execution's trace id, with the documented
 * parent/child structure and the backoff / queue / run split (docs/tracing.md).
 */
class TracingIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  private static final Duration HANDLER_DELAY = Duration.ofMillis(150);

  private static HttpServer remote;
  private static final AtomicInteger calls = new AtomicInteger();
  private static final List<String> receivedTraceparents = new CopyOnWriteArrayList<>();

  /** An external API that fails its first call (503) and answers the next ones after a delay. */
  @BeforeAll
  static void startRemote() throws IOException {
    remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.createContext("/quote", exchange -> {
      receivedTraceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
      int status = calls.incrementAndGet() == 1 ? 503 : 200;
      if (status == 200) {
        try {
          Thread.sleep(HANDLER_DELAY.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "{\"price\": 42}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    remote.start();
  }

  @AfterAll
  static void stopRemote() {
    if (remote != null) {
      remote.stop(0);
    }
  }

  @Test
  void anHttpStepRetriedOnceIsOneTraceFromOrchestratorExecutorAndHandlerWithQueueRunAndBackoffSpans()
      throws SQLException {
    Executions.apply(stack.platform().client(), """
        name: traced-quote
        steps:
          - id: quote
            handler: http
            input: { method: GET, url: "http://127.0.0.1:%d/quote" }
            retry: { maxAttempts: 3, initialBackoff: 400ms, multiplier: 2, jitter: 0 }
        """.formatted(remote.getAddress().getPort()));
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), "traced-quote", "{}").getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    String executionSpanId = TraceParent.spanIdOf(UUID.fromString(done.getId()));

    // the execution span, 2 x (attempt, queue, run, GET, apply) and the retry's backoff
    List<StoredSpan> spans = awaitTrace(done.getId(), Map.of("baton.execution", 1L,
        "baton.attempt traced-quote/quote", 2L, "baton.queue", 2L, "baton.run", 2L, "GET", 2L, "baton.apply", 2L,
        "baton.backoff", 1L));

    assertThat(spans).extracting(StoredSpan::traceId).containsOnly(spans.get(0).traceId());
    StoredSpan execution = only(spans, "baton.execution");
    assertThat(execution.service()).isEqualTo("orchestrator-svc");
    assertThat(execution.spanId()).isEqualTo(executionSpanId);
    assertThat(execution.parentSpanId()).isNull();
    assertThat(execution.workflow()).isEqualTo("traced-quote");
    assertThat(execution.tenant()).isEqualTo("default");

    List<StoredSpan> attempts = named(spans, "baton.attempt");
    assertThat(attempts).extracting(StoredSpan::attempt).containsExactlyInAnyOrder(1, 2);
    assertThat(attempts).extracting(StoredSpan::service).containsOnly("executor-svc");
    assertThat(attempts).extracting(StoredSpan::parentSpanId).containsOnly(executionSpanId);
    assertThat(attempts).extracting(StoredSpan::step).containsOnly("quote");
    assertThat(attempts).allSatisfy(a -> assertThat(a.startNanos()).isGreaterThanOrEqualTo(execution.startNanos()));
    StoredSpan first = attempts.stream().filter(a -> a.attempt() == 1).findFirst().orElseThrow();
    StoredSpan second = attempts.stream().filter(a -> a.attempt() == 2).findFirst().orElseThrow();
    assertThat(first.statusCode()).isEqualTo(2);
    assertThat(second.statusCode()).isNotEqualTo(2);

    for (StoredSpan attempt : attempts) {
      StoredSpan queue = childOf(spans, attempt, "baton.queue");
      StoredSpan run = childOf(spans, attempt, "baton.run");
      assertThat(run.startNanos()).as("run starts where the queue wait ends").isEqualTo(queue.endNanos());
      assertThat(run.endNanos()).isEqualTo(attempt.endNanos());
      StoredSpan call = childOf(spans, run, "GET");
      assertThat(call.kind()).isEqualTo(3); // CLIENT
      assertThat(call.serverAddress()).isEqualTo("127.0.0.1");
      assertThat(call.startNanos()).isBetween(run.startNanos(), run.endNanos());
      assertThat(attempt.queueMs()).isEqualTo((queue.endNanos() - queue.startNanos()) / 1_000_000);
      // the result went back over gRPC with the attempt's context: the orchestrator applied it in the same trace
      StoredSpan apply = childOf(spans, attempt, "baton.apply");
      assertThat(apply.service()).isEqualTo("orchestrator-svc");
      assertThat(apply.booleanAttribute("baton.applied")).isTrue();
      assertThat(apply.startNanos()).isGreaterThanOrEqualTo(run.endNanos() - 50_000_000L);
    }
    assertThat(childOf(spans, childOf(spans, first, "baton.run"), "GET").statusCode()).isEqualTo(2);
    assertThat(durationOf(childOf(spans, second, "baton.run"))).isGreaterThanOrEqualTo(HANDLER_DELAY);

    // only the retry waited for a backoff: from the first attempt's failure to its own dispatch
    assertThat(spans.stream().filter(s -> s.name().equals("baton.backoff") && first.spanId().equals(s.parentSpanId())))
        .isEmpty();
    StoredSpan backoff = childOf(spans, second, "baton.backoff");
    assertThat(durationOf(backoff)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(backoff.startNanos()).isEqualTo(second.startNanos()).isGreaterThanOrEqualTo(first.endNanos() - 50_000_000L);
    assertThat(childOf(spans, second, "baton.queue").startNanos()).isEqualTo(backoff.endNanos());
    assertThat(second.backoffMs()).isGreaterThanOrEqualTo(400);

    // the called API got the trace context of the client span
    assertThat(receivedTraceparents).hasSize(2);
    List<String> callSpanIds = named(spans, "GET").stream().map(StoredSpan::spanId).toList();
    assertThat(receivedTraceparents).allSatisfy(header -> {
      TraceParent received = TraceParent.parse(header).orElseThrow();
      assertThat(received.traceId()).isEqualTo(execution.traceId());
      assertThat(callSpanIds).contains(received.spanId());
    });
  }

  @Test
  void aChildWorkflowRunsInItsParentsTraceUnderTheParentsExecutionSpan() throws SQLException {
    Execution done = Executions.awaitEnd(stack.platform().client(), Executions.start(stack.platform().client(),
        "lead-pipeline", "{\"audience\": \"CTOs of fintech startups in Berlin\"}").getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).as("error: %s", done.getError()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
    String childId = done.getSteps(2).getChildExecutionIds(0);

    // both execution spans and one attempt of each step that ran a handler: translate, enrich (of the one
    // segment; the provider has no faults here) and the child's compose
    List<StoredSpan> spans = awaitTrace(done.getId(), Map.of("baton.execution", 2L,
        "baton.attempt lead-pipeline/translate", 1L, "baton.attempt lead-pipeline/enrich", 1L,
        "baton.attempt email-sequence/compose", 1L));

    String parentSpanId = TraceParent.spanIdOf(UUID.fromString(done.getId()));
    String childSpanId = TraceParent.spanIdOf(UUID.fromString(childId));
    StoredSpan child = named(spans, "baton.execution").stream().filter(s -> s.spanId().equals(childSpanId))
        .findFirst().orElseThrow();
    assertThat(child.parentSpanId()).isEqualTo(parentSpanId);
    assertThat(child.workflow()).isEqualTo("email-sequence");
    Map<String, String> attemptParents = named(spans, "baton.attempt").stream()
        .collect(Collectors.toMap(StoredSpan::step, StoredSpan::parentSpanId, (a, b) -> a));
    assertThat(attemptParents).containsEntry("translate", parentSpanId).containsEntry("enrich", parentSpanId);
    assertThat(named(spans, "baton.attempt").stream().filter(s -> "email-sequence".equals(s.workflow())))
        .isNotEmpty()
        .extracting(StoredSpan::parentSpanId).containsOnly(childSpanId);
  }

  /** A stored span: baton.queue_ms and baton.backoff_ms are columns, the attributes no column holds are JSON. */
  private record StoredSpan(String traceId, String spanId, String parentSpanId, String service, String name, int kind,
      long startNanos, long endNanos, int statusCode, String workflow, String tenant, String step, Integer attempt,
      Long queueMs, Long backoffMs, String serverAddress, String attributesJson) {

    boolean booleanAttribute(String key) {
      return dev.baton.common.json.Json.parse(attributesJson).path(key).asBoolean(false);
    }
  }

  /**
   * Waits until the trace of the execution holds exactly {@code expected} spans of each kind a test
   * reads ({@link #kindOf}) and returns the whole trace. The orchestrator and the executor export
   * their spans in batches of their own, so that the spans of one service (or one batch) are stored
   * says nothing about the others: a test awaits every span it asserts on, not a proxy for them.
   */
  private static List<StoredSpan> awaitTrace(String executionId, Map<String, Long> expected) {
    AtomicReference<List<StoredSpan>> trace = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      trace.set(spansOfExecutionTrace(executionId));
      assertThat(trace.get().stream().collect(Collectors.groupingBy(TracingIT::kindOf, Collectors.counting())))
          .as("stored spans of the trace of execution %s, by kind", executionId).containsAllEntriesOf(expected);
    });
    return trace.get();
  }

  /** A span's name; for an attempt also its workflow and step, which tell the attempts of a trace apart. */
  private static String kindOf(StoredSpan span) {
    return span.name().equals("baton.attempt") ? span.name() + " " + span.workflow() + "/" + span.step() : span.name();
  }

  /** Every stored span of the trace whose execution span belongs to the given execution. */
  private static List<StoredSpan> spansOfExecutionTrace(String executionId) throws SQLException {
    var pg = stack.platform().postgres();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
      var statement = c.prepareStatement("SELECT encode(trace_id, 'hex') AS trace, encode(span_id, 'hex') AS span, "
          + "encode(parent_span_id, 'hex') AS parent, service, name, kind, "
          + "(extract(epoch FROM start_time) * 1000000)::bigint AS start_us, "
          + "(extract(epoch FROM end_time) * 1000000)::bigint AS end_us, status_code, workflow, "
          + "tenant, step, attempt, queue_ms, backoff_ms, server_address, attributes::text AS attrs FROM analytics.spans "
          + "WHERE trace_id IN (SELECT trace_id FROM analytics.spans WHERE execution_id = ?) ORDER BY start_time");
      statement.setString(1, executionId);
      List<StoredSpan> out = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          // microseconds, as PostgreSQL keeps them: equal instants compare equal
          long start = rs.getLong("start_us") * 1000;
          long end = rs.getLong("end_us") * 1000;
          out.add(new StoredSpan(rs.getString("trace"), rs.getString("span"), rs.getString("parent"),
              rs.getString("service"), rs.getString("name"), rs.getInt("kind"), start, end,
              rs.getInt("status_code"), rs.getString("workflow"), rs.getString("tenant"), rs.getString("step"),
              (Integer) rs.getObject("attempt"), (Long) rs.getObject("queue_ms"), (Long) rs.getObject("backoff_ms"),
              rs.getString("server_address"), rs.getString("attrs")));
        }
      }
      return out;
    }
  }

  private static List<StoredSpan> named(List<StoredSpan> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static StoredSpan only(List<StoredSpan> spans, String name) {
    assertThat(named(spans, name)).as(name).hasSize(1);
    return named(spans, name).get(0);
  }

  private static StoredSpan childOf(List<StoredSpan> spans, StoredSpan parent, String name) {
    List<StoredSpan> children = spans.stream()
        .filter(s -> s.name().equals(name) && parent.spanId().equals(s.parentSpanId())).toList();
    assertThat(children).as("%s under %s %s", name, parent.name(), parent.spanId()).hasSize(1);
    return children.get(0);
  }

  private static Duration durationOf(StoredSpan span) {
    return Duration.ofNanos(span.endNanos() - span.startNanos());
  }
}
