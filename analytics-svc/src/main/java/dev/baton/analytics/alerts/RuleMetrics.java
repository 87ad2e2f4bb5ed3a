package dev.baton.analytics.alerts;

import dev.baton.proto.v1.AlertRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Measures a rule over the window (now - window, now] of span end times in {@code analytics.spans}.
 * Spans of executions are selected by the promoted tenant and workflow columns; client spans carry no
 * Baton attributes, so a dependency's calls belong to the tenant (and workflow) whose attempt spans
 * share their trace.
 */
final class RuleMetrics {
  private static final String RATE = "SELECT count(*) AS samples, count(*) FILTER (WHERE status_code = 2) AS failed "
      + "FROM analytics.spans WHERE tenant = $1 AND workflow = $2 AND name = $3 AND end_time > $4 AND end_time <= $5";
  private static final String DURATION = "SELECT count(*) FILTER (WHERE end_time > $3) AS samples, "
      + "avg(duration_ns) FILTER (WHERE end_time > $3) AS current, "
      + "count(*) FILTER (WHERE end_time <= $3) AS baseline_samples, "
      + "avg(duration_ns) FILTER (WHERE end_time <= $3) AS baseline "
      + "FROM analytics.spans WHERE tenant = $1 AND workflow = $2 AND name = 'baton.execution' "
      + "AND end_time > $5 AND end_time <= $4";
  private static final String CALLS = "FROM analytics.spans c WHERE c.server_address = $3 AND c.kind = 3 "
      + "AND c.end_time > $4 AND c.end_time <= $5 AND EXISTS (SELECT 1 FROM analytics.spans a "
      + "WHERE a.trace_id = c.trace_id AND a.tenant = $1 AND ($2 = '' OR a.workflow = $2))";
  private static final String DEPENDENCY = "SELECT count(*) AS samples, count(*) FILTER (WHERE c.status_code = 2) "
      + "AS failed " + CALLS;
  private static final String LATEST_CALLS = "SELECT count(*) AS calls, coalesce(bool_and(status_code = 2), false) "
      + "AS all_failed FROM (SELECT c.status_code " + CALLS + " ORDER BY c.end_time DESC LIMIT $6) latest";

  private RuleMetrics() {}

  static Future<Measurement> measure(SqlClient sql, String tenant, AlertRule rule, Instant now) {
    Duration window = Duration.ofSeconds(rule.getWindow().getSeconds(), rule.getWindow().getNanos());
    OffsetDateTime to = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    OffsetDateTime from = to.minus(window);
    return switch (rule.getKind()) {
      case ALERT_KIND_SUCCESS_RATE -> rate(sql, tenant, rule, "baton.execution", from, to).map(m ->
          Measurement.of(100 - m.value(), m.samples()));
      case ALERT_KIND_ERROR_RATE -> rate(sql, tenant, rule, "baton.attempt", from, to);
      case ALERT_KIND_DURATION_ABOVE_BASELINE -> {
        OffsetDateTime baselineFrom = from.minus(window.multipliedBy(rule.getBaselineWindows()));
        yield one(sql, DURATION, Tuple.of(tenant, rule.getWorkflow(), from, to, baselineFrom)).map(r -> {
          long samples = Math.min(r.getLong("samples"), r.getLong("baseline_samples"));
          Double baseline = r.getDouble("baseline");
          if (samples == 0 || baseline == null || baseline <= 0) {
            return Measurement.of(0, 0);
          }
          return Measurement.of(100 * (r.getDouble("current") - baseline) / baseline, samples);
        });
      }
      case ALERT_KIND_DEPENDENCY_FAILURE_RATE -> {
        Tuple window3 = Tuple.of(tenant, rule.getWorkflow(), rule.getServerAddress(), from, to);
        Future<Measurement> rate = one(sql, DEPENDENCY, window3).map(RuleMetrics::failedPercent);
        if (rule.getConsecutiveFailures() == 0) {
          yield rate;
        }
        yield rate.compose(m -> one(sql, LATEST_CALLS, Tuple.from(List.of(tenant, rule.getWorkflow(),
                rule.getServerAddress(), from, to, rule.getConsecutiveFailures())))
            .map(r -> new Measurement(m.value(), m.samples(),
                r.getLong("calls") >= rule.getConsecutiveFailures() && r.getBoolean("all_failed"))));
      }
      default -> Future.failedFuture(new IllegalStateException("rule '" + rule.getName() + "' has kind "
          + rule.getKind() + ", which no evaluation knows"));
    };
  }

  private static Future<Measurement> rate(SqlClient sql, String tenant, AlertRule rule, String span, OffsetDateTime from,
      OffsetDateTime to) {
    return one(sql, RATE, Tuple.of(tenant, rule.getWorkflow(), span, from, to))
        .map(RuleMetrics::failedPercent);
  }

  private static Measurement failedPercent(Row r) {
    long samples = r.getLong("samples");
    return Measurement.of(samples == 0 ? 0 : 100.0 * r.getLong("failed") / samples, samples);
  }

  private static Future<Row> one(SqlClient sql, String query, Tuple args) {
    return sql.preparedQuery(query).execute(args).map(rows -> rows.iterator().next());
  }
}
