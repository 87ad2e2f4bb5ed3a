package dev.baton.analytics.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes received spans: the spans of one export request are one INSERT of one row per element of
 * column arrays ({@code unnest}), one statement planned and executed once, where a batch of one
 * INSERT per span spent most of PostgreSQL's time planning and starting each of them. A span
 * stored already (an exporter's retry, or twice in one request) is skipped by the key.
 */
public final class SpanStore {
  // attributes travel as text: a null element of a jsonb[] parameter arrives as the JSON null, not as NULL
  private static final String INSERT = "INSERT INTO analytics.spans (trace_id, span_id, parent_span_id, service, "
      + "name, kind, start_time, end_time, duration_ns, status_code, status_message, tenant, workflow, "
      + "workflow_version, execution_id, step, attempt, item, outcome, backoff_ms, queue_ms, run_ms, server_address, "
      + "attributes) SELECT trace_id, span_id, parent_span_id, service, name, kind, start_time, end_time, "
      + "duration_ns, status_code, status_message, tenant, workflow, workflow_version, execution_id, step, attempt, "
      + "item, outcome, backoff_ms, queue_ms, run_ms, server_address, attributes::jsonb "
      + "FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], "
      + "$6::int2[], $7::timestamptz[], $8::timestamptz[], $9::int8[], $10::int2[], $11::text[], $12::text[], "
      + "$13::text[], $14::int4[], $15::text[], $16::text[], $17::int4[], $18::int4[], $19::text[], $20::int8[], "
      + "$21::int8[], $22::int8[], $23::text[], $24::text[]) AS span(trace_id, span_id, parent_span_id, service, "
      + "name, kind, start_time, end_time, duration_ns, status_code, status_message, tenant, workflow, "
      + "workflow_version, execution_id, step, attempt, item, outcome, backoff_ms, queue_ms, run_ms, server_address, "
      + "attributes) ON CONFLICT (trace_id, span_id, end_time) DO NOTHING";

  /**
   * Rows in key order: two requests holding some of the same spans (a retry sent while the first
   * attempt is still being written, to another replica) then wait for each other in the same order
   * instead of deadlocking.
   */
  private static final Comparator<SpanRow> KEY_ORDER = (a, b) -> {
    int byTrace = Arrays.compareUnsigned(a.traceId(), b.traceId());
    return byTrace != 0 ? byTrace : Arrays.compareUnsigned(a.spanId(), b.spanId());
  };

  private final Pool pool;

  public SpanStore(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** Inserts the spans of one export request in one statement (one round trip, one commit). */
  public Future<Void> insert(List<SpanRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    SpanColumns columns = new SpanColumns(rows.size());
    rows.stream().sorted(KEY_ORDER).forEach(columns::add);
    return pool.preparedQuery(INSERT).execute(columns.tuple()).mapEmpty();
  }
}
