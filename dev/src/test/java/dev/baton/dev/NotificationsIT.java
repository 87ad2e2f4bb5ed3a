package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.ListNotificationChannelsRequest;
import dev.baton.proto.v1.ListNotificationDeliveriesRequest;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.NotificationDelivery;
import dev.baton.proto.v1.NotificationDeliveryStatus;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin notifications through the real stack to a real HTTP receiver: signed, retried, exactly once;
 * deleted once done and past the retention (default 7d; the cleanup runs every 200ms here).
 */
class NotificationsIT {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-it-secret";

  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of(
      "BATON_NOTIFY_POLL_INTERVAL", "100ms",
      "BATON_NOTIFY_INITIAL_BACKOFF", "200ms",
      "BATON_NOTIFY_MAX_BACKOFF", "1s",
      // a receiver kept down stays PENDING while a test looks (10 attempts would be used up in ~7s)
      "BATON_NOTIFY_MAX_ATTEMPTS", "100",
      "BATON_NOTIFY_CLEANUP_INTERVAL", "200ms"));

  @Test
  void aFailedExecutionIsPostedToTheChannelCorrectlySigned() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String workflow = failingWorkflow("notify-signed");
      channel("signed", receiver.url(), workflow, List.of("EXECUTION_FAILED"));

      Execution failed = runToFailure(workflow);

      // the receiver keeps the request before it answers, and the orchestrator records the delivery
      // only once the answer is back: await that record, which comes last, then read both
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("signed").stream()
          .anyMatch(d -> d.getStatus() == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED));
      assertThat(receiver.received()).hasSize(1);
      WebhookReceiver.Received hook = receiver.received().get(0);
      String timestamp = hook.headers().get("X-Baton-Timestamp");
      assertThat(hook.headers().get("X-Baton-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + hook.body()));
      assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
      assertThat(hook.headers().get("content-type")).isEqualTo("application/json");
      JsonNode body = Json.parse(hook.body());
      assertThat(body.path("kind").asText()).isEqualTo("EXECUTION_FAILED");
      assertThat(body.path("executionId").asText()).isEqualTo(failed.getId());
      assertThat(body.path("workflow").asText()).isEqualTo(workflow);
      assertThat(body.path("tenant").asText()).isEqualTo("default");
      assertThat(body.path("details").path("code").asText()).isEqualTo("BOOM");
      assertThat(body.path("details").path("stepId").asText()).isEqualTo("boom");
      assertThat(deliveries("signed")).singleElement().satisfies(d -> {
        assertThat(d.getStatus()).isEqualTo(NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED);
        assertThat(d.getAttempts()).isEqualTo(1);
        assertThat(d.getBodyJson()).isEqualTo(hook.body());
      });
    }
  }

  @Test
  void aReceiverThatIsDownGetsTheNotificationOnceItComesBackExactlyOnceWithTwoReplicas() {
    stack.platform().startOrchestrator(Map.of()); // a second replica runs the delivery loop too
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.goDown();
      String workflow = failingWorkflow("notify-down");
      channel("down", receiver.url(), workflow, List.of());

      Execution failed = runToFailure(workflow);

      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("down").stream()
          .anyMatch(d -> d.getAttempts() >= 3 && d.getStatus() == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_PENDING));
      assertThat(deliveries("down").get(0).getLastError()).contains("ConnectException");
      assertThat(receiver.received()).isEmpty();

      receiver.comeBack();

      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("down").get(0).getStatus()
          == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED);
      // more passes of both replicas' loops go by: nobody sends it again
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
      assertThat(Json.parse(receiver.received().get(0).body()).path("executionId").asText()).isEqualTo(failed.getId());
      assertThat(deliveries("down")).hasSize(1);
    }
  }

  @Test
  void aChannelWithABadSecretOrUrlIsRejectedNamingTheFieldAndNothingIsStored() {
    assertThatThrownBy(() -> channel("bad", "http://127.0.0.1:1/x", "", List.of(), "too-short"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("channel.secret: 9 characters (expected: 32..");
        });
    assertThatThrownBy(() -> channel("bad", "ftp://example.com/x", "", List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("channel.url: 'ftp://example.com/x'");
        });
    assertThatThrownBy(() -> channel("bad", "http://127.0.0.1:1/x", "", List.of("execution failed")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getDescription()).startsWith("channel.kinds[0]: 'execution failed'"));
    assertThat(stack.platform().client().notifications()
        .listNotificationChannels(ListNotificationChannelsRequest.getDefaultInstance()).getChannelsList())
        .extracting(NotificationChannel::getName).doesNotContain("bad");
  }

  @Test
  void aCriticalStepWhoseRetriesAreExhaustedNotifiesOnceEvenWhenARuleSavesIt() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String workflow = "notify-critical-" + UUID.randomUUID().toString().substring(0, 8);
      Executions.apply(stack.platform().client(), """
          name: %s
          steps:
            - id: fragile
              handler: test-fail
              config: { code: BOOM, retryable: false }
              critical: true
              onError:
                - then: { skip: { output: { substitute: true } } }
            - id: casual
              handler: test-fail
              config: { code: MEH, retryable: false }
              onError:
                - then: { skip: {} }
          """.formatted(workflow));
      channel("critical", receiver.url(), workflow, List.of());

      Execution done = Executions.awaitEnd(stack.platform().client(),
          Executions.start(stack.platform().client(), workflow, "{}").getId(), Duration.ofSeconds(30));

      assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
      JsonNode body = Json.parse(receiver.received().get(0).body());
      assertThat(body.path("kind").asText()).isEqualTo("STEP_RETRIES_EXHAUSTED");
      assertThat(body.path("stepId").asText()).isEqualTo("fragile");
      assertThat(body.path("details").path("code").asText()).isEqualTo("BOOM");
      // every notification of this execution has been fanned out by now: none other concerned anyone
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
    }
  }

  @Test
  void circuitOpeningsStillNotifyAfterRedisLostTheirStreamAndConsumerGroup() {
    try (WebhookReceiver receiver = WebhookReceiver.start();
        var redis = io.lettuce.core.RedisClient.create(stack.platform().redis().uri());
        var connection = redis.connect()) {
      channel("openings", receiver.url(), "", List.of("CIRCUIT_OPENED"));
      String stream = stack.platform().redis().circuitOpeningsStream();
      // the loop has created its consumer group by now; then Redis loses everything under the key
      await().atMost(Duration.ofSeconds(10)).until(() -> connection.sync().exists(stream) == 1);
      connection.sync().del(stream);
      // what an executor's record.lua appends when a breaker opens
      connection.sync().xadd(stream, Map.of("tenant", "default", "provider", "crm", "opened_at", "1767225600000",
          "open_until", "1767225630000", "failures", "5", "last_error", "HTTP_503: down"));

      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
      JsonNode body = Json.parse(receiver.received().get(0).body());
      assertThat(body.path("kind").asText()).isEqualTo("CIRCUIT_OPENED");
      assertThat(body.path("details").path("provider").asText()).isEqualTo("crm");
      assertThat(body.path("details").path("openUntil").asText()).isEqualTo("2026-01-01T00:00:30Z");
      assertThat(body.has("executionId")).isFalse();
    }
  }

  @Test
  void aStepWaitingForAPersonNotifiesWithTheRulesReasonAndWhomToNotify() {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String workflow = "notify-waiting-" + UUID.randomUUID().toString().substring(0, 8);
      Executions.apply(stack.platform().client(), """
          name: %s
          steps:
            - id: vet
              handler: test-fail
              config: { code: NEEDS_REVIEW, retryable: false }
              onError:
                - then: { intervene: { reason: "lead needs a look", notify: ops } }
          """.formatted(workflow));
      channel("waiting", receiver.url(), workflow, List.of("STEP_WAITING_FOR_INTERVENTION"));

      String id = Executions.start(stack.platform().client(), workflow, "{}").getId();

      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
      assertThat(Executions.get(stack.platform().client(), id).getStatus())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION);
      JsonNode body = Json.parse(receiver.received().get(0).body());
      assertThat(body.path("kind").asText()).isEqualTo("STEP_WAITING_FOR_INTERVENTION");
      assertThat(body.path("executionId").asText()).isEqualTo(id);
      assertThat(body.path("stepId").asText()).isEqualTo("vet");
      assertThat(body.path("details").path("reason").asText()).isEqualTo("lead needs a look");
      assertThat(body.path("details").path("notify").asText()).isEqualTo("ops");
      assertThat(body.path("details").path("code").asText()).isEqualTo("NEEDS_REVIEW");
    }
  }

  @Test
  void notificationsPastTheRetentionAreDeletedWithTheirDeliveryLogOnceEveryDeliveryIsDone() {
    try (WebhookReceiver up = WebhookReceiver.start(); WebhookReceiver down = WebhookReceiver.start()) {
      down.goDown();
      String deliveredWorkflow = failingWorkflow("notify-retained");
      String pendingWorkflow = failingWorkflow("notify-pending");
      channel("retention-up", up.url(), deliveredWorkflow, List.of());
      channel("retention-down", down.url(), pendingWorkflow, List.of());
      Execution delivered = runToFailure(deliveredWorkflow);
      Execution pending = runToFailure(pendingWorkflow);
      await().atMost(Duration.ofSeconds(20)).until(() -> up.received().size() == 1
          && deliveries("retention-down").stream().anyMatch(d -> d.getAttempts() >= 1));
      await().atMost(Duration.ofSeconds(5)).until(() -> deliveries("retention-up").stream().allMatch(d ->
          d.getStatus() == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED));

      // eight days pass for both executions' notifications (those that concerned no channel too)
      int aged = Db.update(stack.platform(), "UPDATE notifications SET created_at = created_at - interval '8 days' "
          + "WHERE execution_id IN ('" + delivered.getId() + "', '" + pending.getId() + "')");
      assertThat(aged).isGreaterThanOrEqualTo(2);

      await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("retention-up").isEmpty());
      assertThat(notificationsOf(delivered)).isZero();
      // still being retried: kept, whatever its age
      await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() ->
          deliveries("retention-down").size() == 1 && notificationsOf(pending) > 0);

      down.comeBack();
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("retention-down").isEmpty());
      assertThat(down.received()).hasSize(1);
      assertThat(notificationsOf(pending)).isZero();
    }
  }

  @Test
  void theCliSetsListsAndDeletesChannelsAndShowsTheDeliveryLogWithoutPrintingTheSecret(@TempDir Path dir)
      throws Exception {
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, SECRET + "\n");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String workflow = failingWorkflow("notify-cli");

      CliRunner.Result put = baton("notifications", "channels", "put", "cli-ops", "--url", receiver.url(),
          "--secret-file", secretFile.toString(), "--workflow", workflow, "--kind", "EXECUTION_FAILED");

      assertThat(put.exit()).as(put.err()).isZero();
      assertThat(put.out().strip()).isEqualTo("notification channel 'cli-ops' set: " + receiver.url() + ", workflow "
          + workflow + ", kinds EXECUTION_FAILED, secret of " + SECRET.length() + " characters ending 'cret'");
      CliRunner.Result listed = baton("notifications", "channels");
      assertThat(listed.exit()).as(listed.err()).isZero();
      assertThat(listed.out()).containsPattern("cli-ops\\s+" + Pattern.quote(receiver.url()) + "\\s+" + workflow
          + "\\s+EXECUTION_FAILED\\s+").doesNotContain(SECRET.substring(0, 16));
      JsonNode json = Json.parse(baton("-o", "json", "notifications", "channels").out());
      JsonNode channel = StreamSupport.stream(json.path("channels").spliterator(), false)
          .filter(c -> c.path("name").asText().equals("cli-ops")).findFirst().orElseThrow();
      assertThat(channel.path("workflowName").asText()).isEqualTo(workflow);
      assertThat(channel.path("secret").asText()).isEmpty();

      Execution failed = runToFailure(workflow);
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("cli-ops").stream().anyMatch(d ->
          d.getStatus() == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED));
      CliRunner.Result log = baton("notifications", "deliveries", "--channel", "cli-ops");
      assertThat(log.exit()).as(log.err()).isZero();
      assertThat(log.out().lines().skip(1)).singleElement().satisfies(row -> assertThat(row)
          .containsPattern("cli-ops\\s+EXECUTION_FAILED\\s+" + workflow + "\\s+" + failed.getId()
              + "\\s+DELIVERED\\s+1\\s+delivered "));

      CliRunner.Result deleted = baton("notifications", "channels", "delete", "cli-ops");
      assertThat(deleted.exit()).as(deleted.err()).isZero();
      assertThat(deleted.out().strip()).isEqualTo("notification channel 'cli-ops' deleted");
      assertThat(baton("notifications", "channels").out()).doesNotContain("cli-ops");
      CliRunner.Result again = baton("notifications", "channels", "delete", "cli-ops");
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err().strip()).isEqualTo("baton: NOT_FOUND: name: no notification channel 'cli-ops'");
    }
  }

  @Test
  void theCliRefusesBadChannelsNamingTheFieldAndStoresNothing(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, SECRET);
    Path emptyFile = dir.resolve("empty");
    Files.writeString(emptyFile, "\n");

    CliRunner.Result badUrl = baton("notifications", "channels", "put", "cli-bad", "--url", "ftp://example.com/x",
        "--secret-file", secretFile.toString());
    assertThat(badUrl.exit()).isEqualTo(1);
    assertThat(badUrl.err()).startsWith("baton: INVALID_ARGUMENT: channel.url: 'ftp://example.com/x'");
    CliRunner.Result badKind = baton("notifications", "channels", "put", "cli-bad", "--url", "http://127.0.0.1:1/x",
        "--secret-file", secretFile.toString(), "--kind", "execution failed");
    assertThat(badKind.err()).startsWith("baton: INVALID_ARGUMENT: channel.kinds[0]: 'execution failed'");
    CliRunner.Result emptySecret = baton("notifications", "channels", "put", "cli-bad", "--url", "http://127.0.0.1:1/x",
        "--secret-file", emptyFile.toString());
    assertThat(emptySecret.exit()).isEqualTo(1);
    assertThat(emptySecret.err()).startsWith("baton: --secret-file: " + emptyFile + " is empty");
    CliRunner.Result noSecret = baton("notifications", "channels", "put", "cli-bad", "--url", "http://127.0.0.1:1/x");
    assertThat(noSecret.exit()).isEqualTo(2);
    assertThat(noSecret.err()).contains("Missing required option: '--secret-file=FILE'");

    assertThat(baton("notifications", "channels").out()).doesNotContain("cli-bad");
  }

  private static CliRunner.Result baton(String... args) {
    return CliRunner.baton(stack.platform(), args);
  }

  private static long notificationsOf(Execution execution) {
    return Db.count(stack.platform(), "SELECT count(*) FROM notifications WHERE execution_id = '" + execution.getId() + "'");
  }

  private static String failingWorkflow(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Executions.apply(stack.platform().client(), """
        name: %s
        steps:
          - id: boom
            handler: test-fail
            config: { code: BOOM, retryable: false }
        """.formatted(name));
    return name;
  }

  private static Execution runToFailure(String workflow) {
    Execution done = Executions.awaitEnd(stack.platform().client(),
        Executions.start(stack.platform().client(), workflow, "{}").getId(), Duration.ofSeconds(30));
    assertThat(done.getStatus()).isEqualTo(ExecutionStatus.EXECUTION_STATUS_FAILED);
    return done;
  }

  private static void channel(String name, String url, String workflow, List<String> kinds) {
    channel(name, url, workflow, kinds, SECRET);
  }

  private static void channel(String name, String url, String workflow, List<String> kinds, String secret) {
    stack.platform().client().notifications().setNotificationChannel(SetNotificationChannelRequest.newBuilder()
        .setChannel(NotificationChannel.newBuilder().setName(name).setUrl(url).setSecret(secret)
            .setWorkflowName(workflow).addAllKinds(kinds))
        .build());
  }

  private static List<NotificationDelivery> deliveries(String channel) {
    return stack.platform().client().notifications().listNotificationDeliveries(
        ListNotificationDeliveriesRequest.newBuilder().setChannel(channel).build()).getDeliveriesList();
  }

  /** The receiver's side of the recipe, written independently of the orchestrator's signing code. */
  private static String hmac(String secret, String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }
}
