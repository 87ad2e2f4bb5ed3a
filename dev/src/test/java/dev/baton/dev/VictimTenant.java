package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.examples.ExampleWorkflows;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.Circuit;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.FailStepRequest;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListFailedExecutionsRequest;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.PutAlertRuleRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A tenant with one object of every kind another tenant must not reach: workflows, an execution
 * waiting for a person, failed ones, one whose task is running, a finished lead pipeline (and so a
 * circuit breaker), a notification channel with deliveries, an alert rule with history and a
 * delivery, API keys (one of each role, and one to be rotated and revoked), page tokens of its
 * lists. Built through the real API with the tenant's own keys, then left still: nothing of it
 * moves by itself while the suite runs.
 */
final class VictimTenant implements AutoCloseable {
  static final String TENANT = "cross-a";
  /** In the tenant's inputs: no answer to anyone else may contain it. */
  private static final String SECRET_NOTE = "note-only-cross-a-may-read-" + UUID.randomUUID();
  private static final String WEBHOOK_SECRET = "cross-a-webhook-secret-" + UUID.randomUUID();
  private static final List<Role> ROLES = List.of(Role.ROLE_ADMIN, Role.ROLE_OPERATOR, Role.ROLE_VIEWER,
      Role.ROLE_EXECUTOR, Role.ROLE_INGEST);

  final Map<Role, BatonCredentials> keys = new EnumMap<>(Role.class);
  /** Its identifiers the requests name. */
  RpcRequests.Ids ids;
  final Map<String, String> pageTokens = new HashMap<>();
  long afterAlertEventId;
  private final Set<String> secrets = new TreeSet<>();
  private final WebhookReceiver webhooks = WebhookReceiver.start();

  /** The tenant's own keys, one per role a tenant may hold. */
  static List<Role> roles() {
    return ROLES;
  }

  static VictimTenant create(LocalPlatform platform) {
    VictimTenant tenant = new VictimTenant();
    try {
      tenant.build(platform);
    } catch (RuntimeException | Error e) {
      tenant.close();
      throw e;
    }
    return tenant;
  }

  private void build(LocalPlatform platform) {
    for (Role role : ROLES) {
      keys.put(role, platform.keys().create(TENANT, role, "a-" + role.name().substring(5).toLowerCase()));
    }
    keys.values().forEach(k -> secrets.add(k.keyId()));
    secrets.addAll(List.of(TENANT, SECRET_NOTE, WEBHOOK_SECRET, webhooks.url()));
    String orchestrator = platform.orchestrators().get(0).target();
    try (BatonClient client = BatonClient.connect(orchestrator, keys.get(Role.ROLE_ADMIN))) {
      String channel = "a-ops";
      client.notifications().setNotificationChannel(SetNotificationChannelRequest.newBuilder().setChannel(
          NotificationChannel.newBuilder().setName(channel).setUrl(webhooks.url()).setSecret(WEBHOOK_SECRET)).build());
      Executions.apply(client, """
          name: a-flow
          steps:
            - id: check
              handler: test-counted
              input: { valid: "${input.valid}", note: "${input.note}" }
              onError: [ { then: { intervene: { reason: "a needs a look", notify: a-ops } } } ]
          """);
      Executions.apply(client, "name: a-slow\nsteps:\n  - { id: wait, handler: sleep, input: { duration: 10m } }\n");
      String idempotencyKey = "a-idempotency-" + UUID.randomUUID();
      List<String> waiting = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        waiting.add(client.workflows().startExecution(StartExecutionRequest.newBuilder().setWorkflowName("a-flow")
            .setInputJson("{\"valid\": false, \"note\": \"" + SECRET_NOTE + "\"}")
            .setIdempotencyKey(idempotencyKey + "-" + i).build()).getExecution().getId());
      }
      for (String id : waiting) {
        Executions.awaitStatus(client, id, ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION,
            Duration.ofSeconds(30));
        secrets.add(id);
      }
      for (String failing : waiting.subList(0, 2)) {
        client.workflows().failStep(FailStepRequest.newBuilder().setExecutionId(failing).setStepId("check")
            .setActor(Actor.newBuilder().setName("a-person").setReason("a gives up")).build());
        Executions.awaitStatus(client, failing, ExecutionStatus.EXECUTION_STATUS_FAILED, Duration.ofSeconds(30));
      }
      String slow = Executions.start(client, "a-slow", "{}").getId();
      secrets.add(slow);
      await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(platform, "SELECT count(*) FROM tasks WHERE "
          + "execution_id = '" + slow + "' AND status = 'RUNNING'") == 1);
      String task = Db.text(platform, "SELECT id::text FROM tasks WHERE execution_id = '" + slow + "'");
      secrets.add(task);
      ExampleWorkflows.all().forEach(source -> Executions.apply(client, source));
      String lead = Executions.start(client, "lead-pipeline", "{\"audience\": \"CTOs in Lyon\"}").getId();
      assertThat(Executions.awaitEnd(client, lead, Duration.ofSeconds(60)).getStatus())
          .isEqualTo(ExecutionStatus.EXECUTION_STATUS_SUCCEEDED);
      secrets.add(lead);
      List<Circuit> circuits = client.circuits().listCircuits(ListCircuitsRequest.getDefaultInstance())
          .getCircuitsList();
      assertThat(circuits).as("the lead pipeline's provider has a breaker").isNotEmpty();
      circuits.forEach(c -> secrets.add(c.getProvider()));
      String victimKey = client.keys().createApiKey(CreateApiKeyRequest.newBuilder().setRole(Role.ROLE_VIEWER)
          .setName("a-victim").build()).getKey().getId();
      secrets.add(victimKey);
      String rule = "a-rule";
      putRuleWithHistory(platform, rule);
      pageTokens.put("ListWorkflowsRequest", client.workflows().listWorkflows(ListWorkflowsRequest.newBuilder()
          .setPageSize(1).build()).getNextPageToken());
      pageTokens.put("ListExecutionsRequest", client.workflows().listExecutions(ListExecutionsRequest.newBuilder()
          .setPageSize(1).build()).getNextPageToken());
      pageTokens.put("ListFailedExecutionsRequest", client.workflows().listFailedExecutions(
          ListFailedExecutionsRequest.newBuilder().setPageSize(1).build()).getNextPageToken());
      assertThat(pageTokens.values()).as("every list of the tenant has a second page").doesNotContain("");
      ids = new RpcRequests.Ids(TENANT, "a-flow", waiting.get(2), task, victimKey, "a-admin", channel, rule,
          idempotencyKey + "-2");
    }
    awaitStill(platform);
  }

  private void putRuleWithHistory(LocalPlatform platform, String rule) {
    ManagedChannel analytics = ManagedChannelBuilder.forTarget("localhost:" + platform.analytics().port())
        .usePlaintext().build();
    try {
      // never fires by itself (1000 samples): the history below is all it has
      AlertServiceGrpc.newBlockingStub(analytics).withInterceptors(keys.get(Role.ROLE_OPERATOR).interceptor())
          .putAlertRule(PutAlertRuleRequest.newBuilder().setRule(AlertRule.newBuilder().setName(rule)
              .setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow("a-flow").setMinSamples(1000)
              .setWebhookUrl(webhooks.url()).setWebhookSecret(WEBHOOK_SECRET)).build());
    } finally {
      analytics.shutdownNow();
    }
    // a firing and its resolving, as the evaluator writes them, without waiting for real traffic to fire
    String values = "'" + TENANT + "', '" + rule + "', '%s', 'SUCCESS_RATE', 'a-flow', '', 42.5, 90, 12";
    afterAlertEventId = Db.count(platform, "INSERT INTO analytics.alert_history (tenant, rule, type, kind, workflow, "
        + "server_address, value, threshold, samples) VALUES (" + values.formatted("FIRING") + ") RETURNING id");
    long resolved = Db.count(platform, "INSERT INTO analytics.alert_history (tenant, rule, type, kind, workflow, "
        + "server_address, value, threshold, samples) VALUES (" + values.formatted("RESOLVED") + ") RETURNING id");
    Db.update(platform, "INSERT INTO analytics.alert_deliveries (event_id, url, secret, body, status, attempts, "
        + "delivered_at) VALUES (" + resolved + ", '" + webhooks.url() + "', '" + WEBHOOK_SECRET
        + "', '{}', 'DELIVERED', 1, now())");
  }

  /** Waits until the notifications of what the tenant did are delivered: then nothing of it moves. */
  private static void awaitStill(LocalPlatform platform) {
    await().atMost(Duration.ofSeconds(60)).until(() -> Db.count(platform, "SELECT count(*) FROM notifications "
        + "WHERE tenant_id = '" + TENANT + "' AND NOT fanned_out") == 0
        && Db.count(platform, "SELECT count(*) FROM notification_deliveries WHERE tenant_id = '" + TENANT
        + "' AND status IN ('PENDING', 'SENDING')") == 0);
    assertThat(Db.count(platform, "SELECT count(*) FROM notification_deliveries WHERE tenant_id = '" + TENANT
        + "' AND status = 'DELIVERED'")).as("the tenant has a delivery log").isPositive();
  }

  /** Strings only this tenant's answers may contain: its ids, names of its own, secrets. */
  Set<String> secrets() {
    return secrets;
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
