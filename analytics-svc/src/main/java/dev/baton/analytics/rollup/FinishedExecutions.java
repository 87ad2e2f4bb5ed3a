package dev.baton.analytics.rollup;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims finished executions that are not rolled up yet and loads their spans, inside the
 * caller's transaction. The claim locks the execution spans FOR UPDATE SKIP LOCKED, so replicas
 * running at the same time take disjoint executions; the claim ends with the transaction, which
 * also marks the execution spans rolled up ({@link #markRolledUp}).
 */
final class FinishedExecutions {
  private static final String CLAIM = "SELECT trace_id, span_id, end_time, execution_id, tenant, workflow, "
      + "coalesce(workflow_version, 0) AS version, (extract(epoch FROM start_time) * 1000000)::bigint AS start_us, "
      + "duration_ns, status_code, outcome FROM analytics.spans "
      + "WHERE name = 'baton.execution' AND rolled_up_at IS NULL AND received_at < now() - make_interval(secs => $1) "
      + "AND execution_id IS NOT NULL AND workflow IS NOT NULL AND tenant IS NOT NULL "
      + "ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED";
  // every span of the claimed traces: CLIENT spans are attributed to an execution through their parents
  private static final String SPANS = "SELECT encode(span_id, 'hex') AS span, encode(parent_span_id, 'hex') AS parent, "
      + "name, kind, execution_id, step, attempt, status_code, server_address, duration_ns, "
      + "(extract(epoch FROM start_time) * 1000000)::bigint AS start_us, item, backoff_ms, queue_ms, run_ms "
      + "FROM analytics.spans WHERE trace_id = ANY($1)";
  // only the claimed execution spans, by their key: rewriting every span of the trace would cost more
  // than the rollup itself
  private static final String MARK = "UPDATE analytics.spans s SET rolled_up_at = now() "
      + "FROM unnest($1::bytea[], $2::bytea[], $3::timestamptz[]) AS k(trace_id, span_id, end_time) "
      + "WHERE s.trace_id = k.trace_id AND s.span_id = k.span_id AND s.end_time = k.end_time";
  private static final int CLIENT = 3;
  private static final int STATUS_ERROR = 2;

  private FinishedExecutions() {}

  /** Claims up to {@code limit} executions whose execution span arrived at least {@code grace} ago. */
  static Future<Claim> claim(SqlConnection conn, Duration grace, int limit) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(grace.toMillis() / 1000.0, limit)).compose(claimed -> {
      if (claimed.size() == 0) {
        return Future.succeededFuture(new Claim(List.of(), Tuple.tuple()));
      }
      Map<String, Row> executions = new HashMap<>();
      int n = claimed.size();
      Buffer[] traces = new Buffer[n];
      Buffer[] spanIds = new Buffer[n];
      OffsetDateTime[] ends = new OffsetDateTime[n];
      int i = 0;
      for (Row row : claimed) {
        executions.put(row.getString("execution_id"), row);
        traces[i] = row.getBuffer("trace_id");
        spanIds[i] = row.getBuffer("span_id");
        ends[i++] = row.getOffsetDateTime("end_time");
      }
      Tuple keys = Tuple.tuple().addArrayOfBuffer(traces).addArrayOfBuffer(spanIds).addArrayOfOffsetDateTime(ends);
      Buffer[] traceIds = Arrays.stream(traces).distinct().toArray(Buffer[]::new);
      return conn.preparedQuery(SPANS).execute(Tuple.tuple().addArrayOfBuffer(traceIds)).map(spans ->
          new Claim(assemble(executions, spans), keys));
    });
  }

  static Future<Void> markRolledUp(SqlConnection conn, Claim claim) {
    return conn.preparedQuery(MARK).execute(claim.keys).mapEmpty();
  }

  /**
   * The claimed executions with their spans, and the keys (trace id, span id, end time arrays) of
   * every claimed execution span, which {@link #markRolledUp} marks.
   */
  record Claim(List<ExecutionSpans> executions, Tuple keys) {}

  private static List<ExecutionSpans> assemble(Map<String, Row> executions, RowSet<Row> spans) {
    Map<String, Row> byId = new HashMap<>();
    for (Row span : spans) {
      byId.put(span.getString("span"), span);
    }
    Map<String, Long> applied = new HashMap<>(); // attempt span id -> end of its latest baton.apply child
    for (Row span : spans) {
      if ("baton.apply".equals(span.getString("name")) && span.getString("parent") != null) {
        long end = span.getLong("start_us") * 1000 + span.getLong("duration_ns");
        applied.merge(span.getString("parent"), end, Math::max);
      }
    }
    Map<String, List<AttemptTiming>> attempts = new HashMap<>();
    Map<String, List<ExecutionSpans.DependencyCall>> calls = new HashMap<>();
    for (Row span : spans) {
      String execution = span.getString("execution_id");
      if ("baton.attempt".equals(span.getString("name")) && executions.containsKey(execution)) {
        long start = span.getLong("start_us") * 1000;
        attempts.computeIfAbsent(execution, k -> new ArrayList<>()).add(new AttemptTiming(
            span.getString("step") == null ? "?" : span.getString("step"),
            span.getInteger("item") == null ? -1 : span.getInteger("item"),
            span.getInteger("attempt") == null ? 1 : span.getInteger("attempt"),
            start, start + span.getLong("duration_ns"),
            applied.getOrDefault(span.getString("span"), start + span.getLong("duration_ns")),
            millis(span, "backoff_ms"), millis(span, "queue_ms"), millis(span, "run_ms"),
            span.getInteger("status_code") == STATUS_ERROR));
      } else if (span.getInteger("kind") == CLIENT && span.getString("server_address") != null) {
        String owner = owningExecution(span, byId);
        if (owner != null && executions.containsKey(owner)) {
          calls.computeIfAbsent(owner, k -> new ArrayList<>()).add(new ExecutionSpans.DependencyCall(
              span.getString("server_address"), span.getLong("duration_ns"),
              span.getInteger("status_code") == STATUS_ERROR));
        }
      }
    }
    List<ExecutionSpans> out = new ArrayList<>();
    executions.forEach((id, row) -> {
      long start = row.getLong("start_us") * 1000;
      String outcome = row.getString("outcome");
      boolean failed = row.getInteger("status_code") == STATUS_ERROR
          || "failed".equals(outcome) || "cancelled".equals(outcome);
      out.add(new ExecutionSpans(row.getString("tenant"), row.getString("workflow"), row.getInteger("version"),
          start, start + row.getLong("duration_ns"), failed,
          attempts.getOrDefault(id, List.of()), calls.getOrDefault(id, List.of())));
    });
    return out;
  }

  /** The execution of the nearest ancestor that names one (a handler span's attempt), or null. */
  private static String owningExecution(Row span, Map<String, Row> byId) {
    Row current = span;
    for (int depth = 0; depth < 32 && current != null; depth++) {
      if (current.getString("execution_id") != null) {
        return current.getString("execution_id");
      }
      String parent = current.getString("parent");
      current = parent == null ? null : byId.get(parent);
    }
    return null;
  }

  private static long millis(Row span, String column) {
    Long value = span.getLong(column);
    return value == null ? 0 : value * 1_000_000L;
  }
}
