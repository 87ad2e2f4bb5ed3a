package dev.baton.analytics.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Writes received spans; a span stored already (an exporter's retry) is skipped. */
public final class SpanStore {
  private static final String INSERT = "INSERT INTO analytics.spans (trace_id, span_id, parent_span_id, service, "
      + "name, kind, start_time, end_time, duration_ns, status_code, status_message, tenant, workflow, "
      + "workflow_version, execution_id, step, attempt, server_address, attributes) VALUES ($1, $2, $3, $4, $5, $6, "
      + "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT (trace_id, span_id) DO NOTHING";

  private final Pool pool;

  public SpanStore(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** Inserts the spans of one export request as one pipelined batch (one round trip). */
  public Future<Void> insert(List<SpanRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>(rows.size());
    for (SpanRow r : rows) {
      batch.add(Tuple.tuple()
          .addValue(Buffer.buffer(r.traceId())).addValue(Buffer.buffer(r.spanId()))
          .addValue(r.parentSpanId() == null ? null : Buffer.buffer(r.parentSpanId()))
          .addValue(r.service()).addValue(r.name()).addValue((short) r.kind())
          .addValue(r.startTime()).addValue(r.endTime()).addValue(r.durationNanos())
          .addValue((short) r.statusCode()).addValue(r.statusMessage())
          .addValue(r.tenant()).addValue(r.workflow()).addValue(r.workflowVersion()).addValue(r.executionId())
          .addValue(r.step()).addValue(r.attempt()).addValue(r.serverAddress()).addValue(r.attributes()));
    }
    return pool.preparedQuery(INSERT).executeBatch(batch).mapEmpty();
  }
}
