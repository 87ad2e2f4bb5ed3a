package dev.baton.analytics.alerts;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.baton.analytics.error.AnalyticsException;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.AlertState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The tenants' rules in {@code analytics.alert_rules}. */
final class AlertRuleStore {
  static final String COLUMNS = "name, kind, workflow, server_address, threshold, window_ms, min_samples, "
      + "for_evaluations, recover_evaluations, recovery_margin, baseline_windows, consecutive_failures, webhook_url, "
      + "webhook_secret, state, streak, last_value, last_samples, evaluations, last_evaluated_at, updated_at";

  private final Pool pool;

  AlertRuleStore(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /**
   * Creates or replaces a rule. A replaced rule keeps its state (a firing alert still resolves, under
   * the new thresholds) but its streak starts over; it is evaluated at the next pass.
   */
  Future<AlertRule> put(String tenant, AlertRule in) {
    AlertRule r = RuleValidation.normalized(in);
    long windowMs = r.getWindow().getSeconds() * 1000 + r.getWindow().getNanos() / 1_000_000;
    return pool.preparedQuery("INSERT INTO analytics.alert_rules (tenant, name, kind, workflow, server_address, "
            + "threshold, window_ms, min_samples, for_evaluations, recover_evaluations, recovery_margin, "
            + "baseline_windows, consecutive_failures, webhook_url, webhook_secret) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
            + "ON CONFLICT (tenant, name) DO UPDATE SET kind = $3, workflow = $4, server_address = $5, threshold = $6, "
            + "window_ms = $7, min_samples = $8, for_evaluations = $9, recover_evaluations = $10, "
            + "recovery_margin = $11, baseline_windows = $12, consecutive_failures = $13, webhook_url = $14, "
            + "webhook_secret = $15, streak = 0, next_evaluation_at = '-infinity', updated_at = now() "
            + "RETURNING " + COLUMNS)
        .execute(Tuple.from(List.of(tenant, r.getName(), kindName(r.getKind()), r.getWorkflow(),
            r.getServerAddress(), r.getThreshold(), windowMs, r.getMinSamples(), r.getForEvaluations(),
            r.getRecoverEvaluations(), r.getRecoveryMargin(), r.getBaselineWindows(), r.getConsecutiveFailures(),
            r.getWebhookUrl(), r.getWebhookSecret())))
        .map(rows -> withoutSecret(of(rows.iterator().next())));
  }

  Future<List<AlertRule>> list(String tenant) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM analytics.alert_rules WHERE tenant = $1 ORDER BY name")
        .execute(Tuple.of(tenant))
        .map(rows -> {
          List<AlertRule> out = new ArrayList<>();
          rows.forEach(row -> out.add(withoutSecret(of(row))));
          return out;
        });
  }

  Future<Void> delete(String tenant, String name) {
    return pool.preparedQuery("DELETE FROM analytics.alert_rules WHERE tenant = $1 AND name = $2")
        .execute(Tuple.of(tenant, name))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(AnalyticsException.notFound("name: no alert rule '" + name + "'")));
  }

  /** A stored rule (secret included: the evaluator signs with it). */
  static AlertRule of(Row r) {
    long windowMs = r.getLong("window_ms");
    AlertRule.Builder b = AlertRule.newBuilder()
        .setName(r.getString("name"))
        .setKind(AlertKind.valueOf("ALERT_KIND_" + r.getString("kind")))
        .setWorkflow(r.getString("workflow"))
        .setServerAddress(r.getString("server_address"))
        .setThreshold(r.getDouble("threshold"))
        .setWindow(Duration.newBuilder().setSeconds(windowMs / 1000).setNanos((int) (windowMs % 1000) * 1_000_000))
        .setMinSamples(r.getInteger("min_samples"))
        .setForEvaluations(r.getInteger("for_evaluations"))
        .setRecoverEvaluations(r.getInteger("recover_evaluations"))
        .setRecoveryMargin(r.getDouble("recovery_margin"))
        .setBaselineWindows(r.getInteger("baseline_windows"))
        .setConsecutiveFailures(r.getInteger("consecutive_failures"))
        .setWebhookUrl(r.getString("webhook_url"))
        .setWebhookSecret(r.getString("webhook_secret"))
        .setState(AlertState.valueOf("ALERT_STATE_" + r.getString("state")))
        .setLastSamples(r.getLong("last_samples"))
        .setEvaluations(r.getLong("evaluations"))
        .setUpdateTime(time(r.getOffsetDateTime("updated_at")));
    if (r.getDouble("last_value") != null) {
      b.setLastValue(r.getDouble("last_value"));
    }
    if (r.getOffsetDateTime("last_evaluated_at") != null) {
      b.setLastEvaluateTime(time(r.getOffsetDateTime("last_evaluated_at")));
    }
    return b.build();
  }

  static String kindName(AlertKind kind) {
    return kind.name().substring("ALERT_KIND_".length());
  }

  static String stateName(AlertState state) {
    return state.name().substring("ALERT_STATE_".length());
  }

  static Timestamp time(OffsetDateTime t) {
    return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
  }

  private static AlertRule withoutSecret(AlertRule r) {
    return r.toBuilder().clearWebhookSecret().build();
  }
}
