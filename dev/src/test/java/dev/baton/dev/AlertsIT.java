package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Duration;
import com.sun.net.httpserver.HttpServer;
import dev.baton.common.json.Json;
import dev.baton.common.tenant.Tenants;
import dev.baton.proto.v1.AlertDelivery;
import dev.baton.proto.v1.AlertDeliveryStatus;
import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.AlertEventType;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AlertState;
import dev.baton.proto.v1.DeleteAlertRuleRequest;
import dev.baton.proto.v1.ListAlertDeliveriesRequest;
import dev.baton.proto.v1.ListAlertHistoryRequest;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.PutAlertRuleRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.WatchAlertsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert rules on the real stack: executions of the dev platform export their spans to its
 * analytics-svc through the OTel exporter, rules are evaluated every second over 10 s windows, and a
 * real HTTP receiver gets the signed webhooks.
 */
class AlertsIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_ALERT_EVAL_INTERVAL", "1s",
      "BATON_ALERT_WATCH_POLL_INTERVAL", "100ms"));

  private static final String SECRET = "alerts-it-secret-0123456789abcdef";
  private static HttpServer receiver;
  private static final List<Received> webhooks = new CopyOnWriteArrayList<>();
  private static ManagedChannel channel;
  private static AlertServiceGrpc.AlertServiceBlockingStub alerts;

  private record Received(String timestamp, String signature, String eventId, String body) {}

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/alerts", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      webhooks.add(new Received(exchange.getRequestHeaders().getFirst("X-Baton-Timestamp"),
          exchange.getRequestHeaders().getFirst("X-Baton-Signature"),
          exchange.getRequestHeaders().getFirst("X-Baton-Alert-Event-Id"), body));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1",
        Integer.parseInt(stack.platform().env().get("BATON_ANALYTICS_PORT"))).usePlaintext().build();
    alerts = AlertServiceGrpc.newBlockingStub(channel).withInterceptors(stack.admin().interceptor());
    Executions.apply(stack.platform().client(), """
        name: alerted-checkout
        steps:
          - id: pay
            handler: test-counted
            input: { valid: "${input.valid}" }
        """);
    Executions.apply(stack.platform().client(), """
        name: steady-checkout
        steps:
          - id: pay
            handler: test-counted
            input: { valid: true }
        """);
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void aWorkflowPushedBelowNinetyPercentSuccessFiresOnceWithASignedWebhookAndAWatchEventAndResolvesOnceAfterRecovering()
      throws Exception {
    List<AlertEvent> watched = new CopyOnWriteArrayList<>();
    AlertServiceGrpc.newStub(channel).withInterceptors(stack.admin().interceptor())
        .watchAlerts(WatchAlertsRequest.newBuilder().setRule("checkout-success").build(),
        collectInto(watched));
    alerts.putAlertRule(PutAlertRuleRequest.newBuilder().setRule(AlertRule.newBuilder()
        .setName("checkout-success").setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow("alerted-checkout")
        .setWindow(Duration.newBuilder().setSeconds(10)).setMinSamples(5).setForEvaluations(2)
        .setRecoverEvaluations(2).setWebhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts")
        .setWebhookSecret(SECRET)).build());

    // 6 of 8 executions fail: 25% success
    for (int i = 0; i < 8; i++) {
      Executions.start(stack.platform().client(), "alerted-checkout", "{\"valid\": " + (i < 2) + "}");
    }
    await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> webhooks.stream().anyMatch(w -> w.body().contains("ALERT_EVENT_TYPE_FIRING")));

    // healthy traffic until the failures have left the window and the rule resolved
    await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
      Executions.start(stack.platform().client(), "alerted-checkout", "{\"valid\": true}");
      return webhooks.stream().anyMatch(w -> w.body().contains("ALERT_EVENT_TYPE_RESOLVED"));
    });
    // a few more evaluations of the healthy workflow change nothing
    long evaluations = rule("checkout-success").getEvaluations();
    await().atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
      Executions.start(stack.platform().client(), "alerted-checkout", "{\"valid\": true}");
      return rule("checkout-success").getEvaluations() >= evaluations + 3;
    });

    List<AlertEvent> history = alerts.listAlertHistory(ListAlertHistoryRequest.newBuilder()
        .setRule("checkout-success").build()).getEventsList();
    assertThat(history).extracting(AlertEvent::getType)
        .containsExactly(AlertEventType.ALERT_EVENT_TYPE_RESOLVED, AlertEventType.ALERT_EVENT_TYPE_FIRING);
    AlertEvent fired = history.get(1);
    assertThat(fired.getValue()).isLessThan(90);
    assertThat(fired.getSamples()).isGreaterThanOrEqualTo(5);
    assertThat(fired.getWorkflow()).isEqualTo("alerted-checkout");
    assertThat(fired.getTenant()).isEqualTo(Tenants.DEFAULT);
    assertThat(history.get(0).getValue()).isGreaterThanOrEqualTo(95);
    assertThat(rule("checkout-success").getState()).isEqualTo(AlertState.ALERT_STATE_OK);

    assertThat(webhooks).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Received w = webhooks.get(i);
      AlertEvent event = history.get(1 - i);
      assertThat(MessageDigest.isEqual(w.signature().getBytes(StandardCharsets.US_ASCII),
          expectedSignature(w.timestamp(), w.body()).getBytes(StandardCharsets.US_ASCII)))
          .as("signature of %s", w.body()).isTrue();
      assertThat(Long.parseLong(w.timestamp())).isBetween(Instant.now().getEpochSecond() - 120,
          Instant.now().getEpochSecond() + 5);
      assertThat(w.eventId()).isEqualTo(Long.toString(event.getId()));
      var json = Json.parse(w.body());
      assertThat(json.path("id").asText()).isEqualTo(Long.toString(event.getId()));
      assertThat(json.path("rule").asText()).isEqualTo("checkout-success");
      assertThat(json.path("type").asText()).isEqualTo(event.getType().name());
    }
    await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(alerts.listAlertDeliveries(
            ListAlertDeliveriesRequest.newBuilder().setRule("checkout-success").build()).getDeliveriesList())
        .extracting(AlertDelivery::getStatus)
        .containsExactly(AlertDeliveryStatus.ALERT_DELIVERY_STATUS_DELIVERED, AlertDeliveryStatus.ALERT_DELIVERY_STATUS_DELIVERED));
    await().atMost(java.time.Duration.ofSeconds(5)).until(() -> watched.size() >= 2);
    assertThat(watched).containsExactly(history.get(1), history.get(0));

    // the CLI shows the same
    String analytics = "127.0.0.1:" + stack.platform().env().get("BATON_ANALYTICS_PORT");
    CliRunner.Result listed = CliRunner.baton(stack.platform(), "alerts", "history", "--rule", "checkout-success",
        "--analytics-server", analytics);
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out().lines().skip(1).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[3]))
        .containsExactly(history.get(0).getId() + " RESOLVED", fired.getId() + " FIRING");
    CliRunner.Result rules = CliRunner.baton(stack.platform(), "alerts", "rules", "--analytics-server", analytics);
    assertThat(rules.exit()).as(rules.err()).isZero();
    assertThat(rules.out()).containsPattern("checkout-success\\s+SUCCESS_RATE\\s+alerted-checkout\\s+90\\.0%\\s+10s\\s+OK");

    // a watch resumed after the firing gets the resolving only
    List<AlertEvent> resumed = new CopyOnWriteArrayList<>();
    AlertServiceGrpc.newStub(channel).withInterceptors(stack.admin().interceptor())
        .watchAlerts(WatchAlertsRequest.newBuilder().setAfterEventId(fired.getId())
        .setRule("checkout-success").build(), collectInto(resumed));
    await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !resumed.isEmpty());
    assertThat(resumed).containsExactly(history.get(0));
  }

  @Test
  void aSteadyHealthyWorkflowFiresNothing() {
    alerts.putAlertRule(PutAlertRuleRequest.newBuilder().setRule(AlertRule.newBuilder()
        .setName("steady-success").setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow("steady-checkout")
        .setWindow(Duration.newBuilder().setSeconds(10)).setMinSamples(5).setForEvaluations(2)).build());
    alerts.putAlertRule(PutAlertRuleRequest.newBuilder().setRule(AlertRule.newBuilder()
        .setName("steady-errors").setKind(AlertKind.ALERT_KIND_ERROR_RATE).setWorkflow("steady-checkout")
        .setWindow(Duration.newBuilder().setSeconds(10)).setMinSamples(5).setForEvaluations(2)).build());

    // evaluated at least 6 times with enough samples each time it counted
    await().atMost(java.time.Duration.ofSeconds(40)).pollInterval(java.time.Duration.ofMillis(300)).until(() -> {
      Executions.start(stack.platform().client(), "steady-checkout", "{}");
      AlertRule r = rule("steady-success");
      return r.getEvaluations() >= 6 && r.getLastSamples() >= 5 && rule("steady-errors").getLastSamples() >= 5;
    });
    assertThat(rule("steady-success").getLastValue()).isEqualTo(100.0);
    assertThat(rule("steady-errors").getLastValue()).isEqualTo(0.0);
    assertThat(alerts.listAlertHistory(ListAlertHistoryRequest.newBuilder().setRule("steady-success").build())
        .getEventsList()).isEmpty();
    assertThat(alerts.listAlertHistory(ListAlertHistoryRequest.newBuilder().setRule("steady-errors").build())
        .getEventsList()).isEmpty();
    assertThat(rule("steady-success").getState()).isEqualTo(AlertState.ALERT_STATE_OK);
  }

  @Test
  void badRuleInputIsRefusedNamingTheFieldAndRulesAreScopedToTheTenant() {
    AlertRule.Builder good = AlertRule.newBuilder().setName("scoped").setKind(AlertKind.ALERT_KIND_ERROR_RATE)
        .setWorkflow("steady-checkout");
    assertThatThrownBy(() -> alerts.putAlertRule(PutAlertRuleRequest.newBuilder()
        .setRule(good.clone().setThreshold(140)).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("rule.threshold: 140 (expected: 0..100, 0 for the default)");
        });
    assertThatThrownBy(() -> alerts.putAlertRule(PutAlertRuleRequest.newBuilder()
        .setRule(good.clone().setWebhookUrl("http://127.0.0.1:1/x").setWebhookSecret("short")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("rule.webhook_secret:");
        });
    assertThatThrownBy(() -> alerts.putAlertRule(PutAlertRuleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getDescription()).isEqualTo("rule: required"));

    var acmeAlerts = AlertServiceGrpc.newBlockingStub(channel)
        .withInterceptors(stack.platform().keys().create("acme", Role.ROLE_OPERATOR, "alerts-it")
            .interceptor());
    AlertRule put = acmeAlerts.putAlertRule(PutAlertRuleRequest.newBuilder().setRule(good).build());
    assertThat(put.getWebhookSecret()).isEmpty();
    assertThat(put.getThreshold()).isEqualTo(10);
    assertThat(acmeAlerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(AlertRule::getName).containsExactly("scoped");
    assertThat(alerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(AlertRule::getName).doesNotContain("scoped");
    assertThatThrownBy(() -> alerts.deleteAlertRule(DeleteAlertRuleRequest.newBuilder().setName("scoped").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    acmeAlerts.deleteAlertRule(DeleteAlertRuleRequest.newBuilder().setName("scoped").build());
    assertThat(acmeAlerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList()).isEmpty();
  }

  @Test
  void theCliPutsRulesFromYamlOrJsonAndDeletesThemAndRefusesBadOnesNamingTheField(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("rule.yaml");
    Files.writeString(yaml, """
        name: cli-errors
        kind: ERROR_RATE
        workflow: steady-checkout
        threshold: 20
        window: 30s
        webhookUrl: http://127.0.0.1:1/never
        webhookSecret: %s
        """.formatted(SECRET));
    Path json = dir.resolve("rule.json");
    Files.writeString(json, "{\"name\": \"cli-api\", \"kind\": \"DEPENDENCY_FAILURE_RATE\", "
        + "\"server_address\": \"api.example.com\", \"consecutiveFailures\": 3}");

    CliRunner.Result put = alertsCli("alerts", "rules", "put", "-f", yaml.toString(), "-f", json.toString());

    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out().lines()).containsExactly(
        "alert rule 'cli-errors' put: ERROR_RATE of steady-checkout, threshold 20.0%, window 30s, "
            + "webhook http://127.0.0.1:1/never",
        "alert rule 'cli-api' put: DEPENDENCY_FAILURE_RATE of api.example.com, threshold 50.0%, window 300s");
    assertThat(put.out()).doesNotContain(SECRET);
    assertThat(rule("cli-errors").getThreshold()).isEqualTo(20);
    assertThat(rule("cli-api").getConsecutiveFailures()).isEqualTo(3);
    assertThat(alertsCli("alerts", "rules").out())
        .containsPattern("cli-errors\\s+ERROR_RATE\\s+steady-checkout\\s+20\\.0%\\s+30s\\s+");
    var printed = Json.parse(alertsCli("-o", "json", "alerts", "rules", "put", "-f", yaml.toString()).out());
    assertThat(printed.path("name").asText()).isEqualTo("cli-errors");
    assertThat(printed.path("webhookSecret").asText()).isEmpty();

    CliRunner.Result deleted = alertsCli("alerts", "rules", "delete", "cli-errors");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out().strip()).isEqualTo("alert rule 'cli-errors' deleted");
    assertThat(alerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(AlertRule::getName).contains("cli-api").doesNotContain("cli-errors");
    CliRunner.Result again = alertsCli("alerts", "rules", "delete", "cli-errors");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err().strip()).isEqualTo("baton: NOT_FOUND: name: no alert rule 'cli-errors'");

    // refused by the CLI (the file) and by analytics-svc (the values): each names the field, nothing is stored
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "name: cli-typo\nkind: ERROR_RATE\nworkflow: steady-checkout\nthresold: 20\n");
    CliRunner.Result unknown = alertsCli("alerts", "rules", "put", "-f", typo.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("baton: rule.thresold: unknown field (expected: one of name, kind,");
    Path tooHigh = dir.resolve("too-high.yaml");
    Files.writeString(tooHigh, "name: cli-high\nkind: ERROR_RATE\nworkflow: steady-checkout\nthreshold: 140\n");
    CliRunner.Result refused = alertsCli("alerts", "rules", "put", "-f", yaml.toString(), "-f", tooHigh.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).startsWith("alert rule 'cli-errors' put:");
    assertThat(refused.err().strip()).isEqualTo("baton: " + tooHigh + ": INVALID_ARGUMENT: rule.threshold: 140 "
        + "(expected: 0..100, 0 for the default)");
    assertThat(alerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList())
        .extracting(AlertRule::getName).doesNotContain("cli-typo", "cli-high");

    CliRunner.Result unreachable = CliRunner.baton(stack.platform(), "alerts", "rules", "delete", "cli-api",
        "--analytics-server", "127.0.0.1:1");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("baton: cannot reach analytics-svc at 127.0.0.1:1");
    alertsCli("alerts", "rules", "delete", "cli-api");
    alertsCli("alerts", "rules", "delete", "cli-errors");
  }

  /** The CLI against this stack's analytics-svc. */
  private static CliRunner.Result alertsCli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--analytics-server", "127.0.0.1:" + stack.platform().env().get("BATON_ANALYTICS_PORT")));
    return CliRunner.baton(stack.platform(), all.toArray(String[]::new));
  }

  private static AlertRule rule(String name) {
    return alerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()).getRulesList().stream()
        .filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
  }

  /** Computed here rather than with Baton's signer: what a receiver in any language would do. */
  private static String expectedSignature(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static StreamObserver<AlertEvent> collectInto(List<AlertEvent> events) {
    return new StreamObserver<>() {
      @Override
      public void onNext(AlertEvent value) {
        events.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
