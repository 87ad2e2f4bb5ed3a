package dev.baton.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import dev.baton.analytics.AnalyticsFixture;
import dev.baton.analytics.store.SpanRow;
import dev.baton.analytics.store.SpanStore;
import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.AlertEventType;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.AlertState;
import dev.baton.testkit.MutableClock;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule evaluation queries and the evaluator on a real PostgreSQL, with spans at chosen times. */
class AlertEvaluationIT {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static AnalyticsFixture fixture;
  private static Pool pool;

  @BeforeAll
  static void start() {
    fixture = AnalyticsFixture.create();
    pool = fixture.migratedPool();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void successRateCountsTheWorkflowsExecutionsEndedInTheWindowOfItsTenantOnly() {
    List<SpanRow> spans = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      spans.add(span(newTrace(), "baton.execution", "t1", "rate-wf", 1, NOW.minusSeconds(5 + i), 100, null));
    }
    spans.add(span(newTrace(), "baton.execution", "t1", "rate-wf", 2, NOW.minusSeconds(3), 100, null));
    spans.add(span(newTrace(), "baton.execution", "t1", "rate-wf", 2, NOW.minusSeconds(20), 100, null));
    spans.add(span(newTrace(), "baton.execution", "t1", "rate-wf", 2, NOW.minusSeconds(61), 100, null)); // before
    spans.add(span(newTrace(), "baton.execution", "t1", "rate-wf", 2, NOW.plusSeconds(1), 100, null)); // after
    spans.add(span(newTrace(), "baton.execution", "t2", "rate-wf", 2, NOW.minusSeconds(3), 100, null)); // other tenant
    spans.add(span(newTrace(), "baton.attempt", "t1", "rate-wf", 2, NOW.minusSeconds(3), 100, null)); // an attempt
    insert(spans);

    Measurement success = measure("t1", rule(AlertKind.ALERT_KIND_SUCCESS_RATE, "rate-wf", "", 60));
    assertThat(success.samples()).isEqualTo(10);
    assertThat(success.value()).isEqualTo(80.0);

    Measurement errors = measure("t1", rule(AlertKind.ALERT_KIND_ERROR_RATE, "rate-wf", "", 60));
    assertThat(errors.samples()).isEqualTo(1);
    assertThat(errors.value()).isEqualTo(100.0);
  }

  @Test
  void durationIsThePercentAboveTheAverageOfThePreviousWindows() {
    List<SpanRow> spans = new ArrayList<>();
    // baseline: 3 windows of 10s before the current one, 100 ms and 300 ms -> 200 ms
    spans.add(span(newTrace(), "baton.execution", "t1", "slow-wf", 1, NOW.minusSeconds(15), 100, null));
    spans.add(span(newTrace(), "baton.execution", "t1", "slow-wf", 1, NOW.minusSeconds(35), 300, null));
    spans.add(span(newTrace(), "baton.execution", "t1", "slow-wf", 1, NOW.minusSeconds(45), 5000, null)); // too old
    // current window: 250 and 350 -> 300 ms, 50% above
    spans.add(span(newTrace(), "baton.execution", "t1", "slow-wf", 1, NOW.minusSeconds(2), 250, null));
    spans.add(span(newTrace(), "baton.execution", "t1", "slow-wf", 1, NOW.minusSeconds(4), 350, null));
    insert(spans);

    AlertRule rule = rule(AlertKind.ALERT_KIND_DURATION_ABOVE_BASELINE, "slow-wf", "", 10).toBuilder()
        .setBaselineWindows(3).build();
    Measurement m = measure("t1", rule);
    assertThat(m.value()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(m.samples()).as("the smaller of current and baseline counts").isEqualTo(2);
  }

  @Test
  void aDependencysCallsBelongToTheTenantWhoseAttemptsShareTheirTraceAndTheLatestCallsCanFailInARow() {
    List<SpanRow> spans = new ArrayList<>();
    int[] status = {1, 1, 2, 1, 2, 2, 2}; // oldest first: the latest three failed
    for (int i = 0; i < status.length; i++) {
      byte[] trace = newTrace();
      spans.add(span(trace, "baton.attempt", "t1", "dep-wf", 1, NOW.minusSeconds(20 - i), 100, null));
      spans.add(span(trace, "GET", null, null, status[i], NOW.minusSeconds(20 - i), 50, "api.example.com"));
    }
    byte[] foreign = newTrace();
    spans.add(span(foreign, "baton.attempt", "t2", "dep-wf", 1, NOW.minusSeconds(5), 100, null));
    spans.add(span(foreign, "GET", null, null, 1, NOW.minusSeconds(5), 50, "api.example.com"));
    spans.add(span(newTrace(), "GET", null, null, 1, NOW.minusSeconds(5), 50, "api.example.com")); // no tenant
    insert(spans);

    AlertRule rate = rule(AlertKind.ALERT_KIND_DEPENDENCY_FAILURE_RATE, "", "api.example.com", 60);
    Measurement m = measure("t1", rate);
    assertThat(m.samples()).isEqualTo(7);
    assertThat(m.value()).isCloseTo(100.0 * 4 / 7, org.assertj.core.data.Offset.offset(0.001));
    assertThat(m.failedInARow()).isFalse();

    assertThat(measure("t1", rate.toBuilder().setConsecutiveFailures(3).build()).failedInARow()).isTrue();
    assertThat(measure("t1", rate.toBuilder().setConsecutiveFailures(4).build()).failedInARow()).isFalse();
    assertThat(measure("t1", rate.toBuilder().setWorkflow("other-wf").build()).samples()).isZero();
    assertThat(measure("t2", rate).samples()).isEqualTo(1);
  }

  @Test
  void theEvaluatorFiresOnceAfterForEvaluationsAndResolvesOnceRecordingHistoryAndADelivery() {
    MutableClock clock = MutableClock.at(NOW.plusSeconds(3600));
    AlertRuleStore rules = new AlertRuleStore(pool);
    await(rules.put("t1", AlertRule.newBuilder().setName("eval-wf-success").setKind(AlertKind.ALERT_KIND_SUCCESS_RATE)
        .setWorkflow("eval-wf").setWindow(Duration.newBuilder().setSeconds(10)).setMinSamples(4)
        .setForEvaluations(2).setRecoverEvaluations(2)
        .setWebhookUrl("http://127.0.0.1:9/hook").setWebhookSecret("s".repeat(32)).build()));
    AlertEvaluator evaluator = new AlertEvaluator(pool, java.time.Duration.ofSeconds(1), clock);
    AlertEvaluator replica = new AlertEvaluator(pool, java.time.Duration.ofSeconds(1), clock);

    // 5 failures and 1 success in the window: breached at every evaluation
    List<SpanRow> failing = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      failing.add(span(newTrace(), "baton.execution", "t1", "eval-wf", i == 0 ? 1 : 2, clock.instant().minusSeconds(1),
          100, null));
    }
    insert(failing);
    // two replicas at the same moment: the rule is evaluated by one of them
    List<Integer> evaluated = await(Future.all(evaluator.runOnce(), replica.runOnce())).list();
    assertThat(evaluated.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    assertThat(state("t1", "eval-wf-success")).isEqualTo(AlertState.ALERT_STATE_PENDING);
    assertThat(await(evaluator.runOnce())).as("not due again before the interval").isZero();

    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(await(evaluator.runOnce())).isEqualTo(1);
    assertThat(state("t1", "eval-wf-success")).isEqualTo(AlertState.ALERT_STATE_FIRING);
    clock.advance(java.time.Duration.ofSeconds(1));
    await(evaluator.runOnce());
    assertThat(history("t1")).extracting(AlertEvent::getType).containsExactly(AlertEventType.ALERT_EVENT_TYPE_FIRING);

    // the failures leave the window and healthy executions fill it
    clock.advance(java.time.Duration.ofSeconds(20));
    List<SpanRow> healthy = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      healthy.add(span(newTrace(), "baton.execution", "t1", "eval-wf", 1, clock.instant().minusSeconds(1), 100, null));
    }
    insert(healthy);
    await(evaluator.runOnce());
    assertThat(state("t1", "eval-wf-success")).isEqualTo(AlertState.ALERT_STATE_RESOLVING);
    clock.advance(java.time.Duration.ofSeconds(1));
    await(evaluator.runOnce());
    clock.advance(java.time.Duration.ofSeconds(1));
    await(evaluator.runOnce());
    List<AlertEvent> events = history("t1");
    assertThat(events).extracting(AlertEvent::getType)
        .containsExactly(AlertEventType.ALERT_EVENT_TYPE_RESOLVED, AlertEventType.ALERT_EVENT_TYPE_FIRING);
    assertThat(events.get(1).getValue()).isCloseTo(100.0 * 1 / 6, org.assertj.core.data.Offset.offset(0.001));
    assertThat(events.get(1).getSamples()).isEqualTo(6);
    assertThat(events.get(0).getValue()).isEqualTo(100.0);
    assertThat(await(pool.query("SELECT count(*) AS n FROM analytics.alert_deliveries WHERE status = 'PENDING'")
        .execute()).iterator().next().getLong("n")).isEqualTo(2);
  }

  @Test
  void aRuleThatCannotBeEvaluatedIsPostponedAndDoesNotHoldUpTheOthers() {
    Instant at = NOW.plusSeconds(7200);
    Clock fixed = Clock.fixed(at, ZoneOffset.UTC);
    await(new AlertRuleStore(pool).put("t3", AlertRule.newBuilder().setName("good").setKind(AlertKind.ALERT_KIND_ERROR_RATE)
        .setWorkflow("wf").build()));
    // a row no evaluation understands (as written by a newer version, say), due first
    await(pool.query("INSERT INTO analytics.alert_rules (tenant, name, kind, threshold, window_ms, min_samples, "
        + "for_evaluations, recover_evaluations, recovery_margin, baseline_windows, consecutive_failures, "
        + "next_evaluation_at) VALUES ('t3', 'bogus', 'BOGUS', 1, 1000, 1, 1, 1, 0, 1, 0, '-infinity')").execute());

    new AlertEvaluator(pool, java.time.Duration.ofSeconds(5), fixed).runOnce();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> await(pool.query(
        "SELECT count(*) AS n FROM analytics.alert_rules WHERE tenant = 't3' AND next_evaluation_at > '"
            + at + "'").execute()).iterator().next().getLong("n") == 2);
    var rows = await(pool.query("SELECT name, evaluations, next_evaluation_at FROM analytics.alert_rules "
        + "WHERE tenant = 't3' ORDER BY name").execute());
    var it = rows.iterator();
    var bogus = it.next();
    var good = it.next();
    assertThat(bogus.getLong("evaluations")).isZero();
    assertThat(bogus.getOffsetDateTime("next_evaluation_at").toInstant()).isEqualTo(at.plusSeconds(5));
    assertThat(good.getLong("evaluations")).isEqualTo(1);
  }

  private static AlertState state(String tenant, String rule) {
    return await(new AlertRuleStore(pool).list(tenant)).stream().filter(r -> r.getName().equals(rule))
        .findFirst().orElseThrow().getState();
  }

  private static List<AlertEvent> history(String tenant) {
    return await(new AlertHistory(pool).latest(tenant, "", 100));
  }

  private static AlertRule rule(AlertKind kind, String workflow, String server, int windowSeconds) {
    return RuleValidation.normalized(AlertRule.newBuilder().setName("r").setKind(kind).setWorkflow(workflow)
        .setServerAddress(server).setWindow(Duration.newBuilder().setSeconds(windowSeconds)).build());
  }

  private static Measurement measure(String tenant, AlertRule rule) {
    return await(RuleMetrics.measure(pool, tenant, rule, NOW));
  }

  private static void insert(List<SpanRow> spans) {
    await(new SpanStore(pool).insert(spans));
  }

  private static byte[] newTrace() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return id;
  }

  /** A span ending at {@code end}; status 1 ok, 2 error; kind CLIENT when it has a server address. */
  private static SpanRow span(byte[] trace, String name, String tenant, String workflow, int status, Instant end,
      long millis, String server) {
    byte[] spanId = new byte[8];
    ThreadLocalRandom.current().nextBytes(spanId);
    OffsetDateTime endTime = OffsetDateTime.ofInstant(end, ZoneOffset.UTC);
    SpanRow.BatonAttributes baton = new SpanRow.BatonAttributes(tenant, workflow, null, null, null, null, null, null,
        null, null, null);
    return new SpanRow(trace, spanId, null, "test", name, server == null ? 1 : 3, endTime.minusNanos(millis * 1_000_000),
        endTime, millis * 1_000_000, status, null, baton, server, null);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
