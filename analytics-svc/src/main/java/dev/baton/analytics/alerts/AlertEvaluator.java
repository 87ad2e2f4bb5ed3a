package dev.baton.analytics.alerts;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.analytics.alerts.Hysteresis.Position;
import dev.baton.analytics.alerts.Hysteresis.Step;
import dev.baton.analytics.alerts.Hysteresis.Transition;
import dev.baton.analytics.alerts.Hysteresis.Verdict;
import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.AlertRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates due rules, each in its own transaction: the rule row is claimed with FOR UPDATE SKIP
 * LOCKED (so replicas share the rules and never evaluate one twice at once), measured, moved through
 * {@link Hysteresis}, and written back with its next evaluation time. A firing or resolving is
 * inserted into the history, with its webhook delivery, in that same transaction: recorded once.
 */
final class AlertEvaluator {
  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
  /** Rules one pass evaluates at most; the rest are due at the next pass. */
  private static final int MAX_PER_PASS = 200;
  /**
   * History inserts are serialised so that ids become visible in id order: a watch that has read up
   * to id n never misses a smaller id committed later.
   */
  private static final String HISTORY_LOCK = "SELECT pg_advisory_xact_lock(7235020)";

  private final Pool pool;
  private final Duration interval;
  private final Clock clock;

  AlertEvaluator(Pool pool, Duration interval, Clock clock) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Evaluates the rules due now; returns how many. */
  Future<Integer> runOnce() {
    return evaluateFrom(0);
  }

  private Future<Integer> evaluateFrom(int done) {
    if (done >= MAX_PER_PASS) {
      return Future.succeededFuture(done);
    }
    return pool.withTransaction(this::evaluateNext)
        .compose(evaluated -> evaluated ? evaluateFrom(done + 1) : Future.succeededFuture(done));
  }

  private Future<Boolean> evaluateNext(SqlConnection conn) {
    Instant now = clock.instant();
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    return conn.preparedQuery("SELECT tenant, " + AlertRuleStore.COLUMNS + " FROM analytics.alert_rules "
            + "WHERE next_evaluation_at <= $1 ORDER BY next_evaluation_at LIMIT 1 FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(at))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row row = rows.iterator().next();
          String tenant = row.getString("tenant");
          String name = row.getString("name");
          return conn.query("SAVEPOINT evaluation").execute()
              .compose(v -> {
                AlertRule rule = AlertRuleStore.of(row);
                return RuleMetrics.measure(conn, tenant, rule, now)
                    .compose(m -> record(conn, tenant, rule, row.getInteger("streak"), m, at));
              })
              .recover(error -> postpone(conn, tenant, name, at, error))
              .map(true);
        });
  }

  private Future<Void> record(SqlConnection conn, String tenant, AlertRule rule, int streak, Measurement m,
      OffsetDateTime at) {
    Verdict verdict = Thresholds.verdict(rule, m);
    Step step = Hysteresis.next(new Position(rule.getState(), streak), verdict,
        rule.getForEvaluations(), rule.getRecoverEvaluations());
    boolean measured = verdict != Verdict.TOO_FEW_SAMPLES || m.failedInARow();
    Future<Void> updated = conn.preparedQuery("UPDATE analytics.alert_rules SET state = $3, streak = $4, "
            + "last_value = CASE WHEN $5 THEN $6 ELSE last_value END, last_samples = $7, evaluations = evaluations + 1, "
            + "last_evaluated_at = $8, next_evaluation_at = $8::timestamptz + $9 * interval '1 millisecond' "
            + "WHERE tenant = $1 AND name = $2")
        .execute(Tuple.from(Arrays.asList(tenant, rule.getName(), AlertRuleStore.stateName(step.position().state()),
            step.position().streak(), measured, m.value(), m.samples(), at, interval.toMillis())))
        .mapEmpty();
    if (step.transition() == Transition.NONE) {
      return updated;
    }
    String type = step.transition() == Transition.FIRED ? "FIRING" : "RESOLVED";
    return updated
        .compose(v -> conn.query(HISTORY_LOCK).execute())
        .compose(v -> conn.preparedQuery("INSERT INTO analytics.alert_history (tenant, rule, type, kind, workflow, "
                + "server_address, value, threshold, samples, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                + "RETURNING " + AlertHistory.COLUMNS)
            .execute(Tuple.from(Arrays.asList(tenant, rule.getName(), type, AlertRuleStore.kindName(rule.getKind()),
                rule.getWorkflow(), rule.getServerAddress(), m.value(), rule.getThreshold(), m.samples(), at))))
        .compose(rows -> {
          AlertEvent event = AlertHistory.of(rows.iterator().next());
          if (rule.getWebhookUrl().isEmpty()) {
            return Future.succeededFuture();
          }
          return conn.preparedQuery("INSERT INTO analytics.alert_deliveries (event_id, url, secret, body) "
                  + "VALUES ($1, $2, $3, $4)")
              .execute(Tuple.of(event.getId(), rule.getWebhookUrl(), rule.getWebhookSecret(), json(event)))
              .mapEmpty();
        });
  }

  /**
   * A rule whose evaluation failed is moved to its next interval, state unchanged, so that it cannot
   * hold up the rules due after it.
   */
  private Future<Void> postpone(SqlConnection conn, String tenant, String rule, OffsetDateTime at, Throwable error) {
    log.warn("alert rule '{}' of tenant '{}' could not be evaluated ({}); trying again in {} ms", rule, tenant,
        error.toString(), interval.toMillis());
    return conn.query("ROLLBACK TO SAVEPOINT evaluation").execute()
        .compose(v -> conn.preparedQuery("UPDATE analytics.alert_rules SET next_evaluation_at = "
                + "$3::timestamptz + $4 * interval '1 millisecond' WHERE tenant = $1 AND name = $2")
            .execute(Tuple.of(tenant, rule, at, interval.toMillis())))
        .mapEmpty();
  }

  static String json(AlertEvent event) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(event);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an AlertEvent always prints as JSON", e);
    }
  }
}
