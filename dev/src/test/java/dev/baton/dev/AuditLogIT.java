package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.AuditEvent;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.ListAuditEventsRequest;
import dev.baton.proto.v1.Role;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log through the real orchestrator: who started and cancelled what, seen by its tenant's admins only. */
class AuditLogIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of("BATON_DEV_EXAMPLES", "false"));

  @Test
  void aStartAndACancelAreRecordedWithTheActorsKeyAndOnlyTheirTenantsAdminsSeeThem() {
    LocalPlatform platform = stack.platform();
    String target = platform.orchestrators().get(0).target();
    Executions.apply(platform.client(), "name: audited\nsteps: [{id: nap, handler: sleep, input: {duration: 30s}}]\n");
    BatonCredentials operator = platform.keys().create("default", Role.ROLE_OPERATOR, "audit-operator");
    BatonCredentials otherAdmin = platform.keys().create("audit-other", Role.ROLE_ADMIN, "audit-other-admin");

    String id;
    try (BatonClient client = BatonClient.connect(target, operator)) {
      id = Executions.start(client, "audited", "{}").getId();
      client.workflows().cancelExecution(CancelExecutionRequest.newBuilder().setExecutionId(id)
          .setReason("not needed").build());
      assertThatThrownBy(() -> client.audit().listAuditEvents(ListAuditEventsRequest.getDefaultInstance()))
          .as("an operator does not read the audit log")
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    List<AuditEvent> byName = platform.client().audit().listAuditEvents(ListAuditEventsRequest.newBuilder()
        .setActor("audit-operator").build()).getEventsList();
    assertThat(byName).extracting(AuditEvent::getMethod).containsExactly(
        "baton.v1.WorkflowService/CancelExecution", "baton.v1.WorkflowService/StartExecution");
    assertThat(byName).allSatisfy(event -> {
      assertThat(event.getActorKeyId()).isEqualTo(operator.keyId());
      assertThat(event.getActorName()).isEqualTo("audit-operator");
      assertThat(event.getTenant()).isEqualTo("default");
      assertThat(event.getOutcome()).isEqualTo("OK");
      assertThat(event.getService()).isEqualTo("orchestrator");
    });
    assertThat(byName.get(0).getTargetsList()).containsExactly("execution_id=" + id);
    assertThat(byName.get(1).getTargetsList()).containsExactly("workflow_name=audited");
    assertThat(platform.client().audit().listAuditEvents(ListAuditEventsRequest.newBuilder()
        .setActor(operator.keyId()).build()).getEventsList()).as("by key id").isEqualTo(byName);

    try (BatonClient other = BatonClient.connect(target, otherAdmin)) {
      assertThat(other.audit().listAuditEvents(ListAuditEventsRequest.getDefaultInstance()).getEventsList())
          .as("another tenant's admin sees none of it").noneSatisfy(event ->
              assertThat(event.getActorKeyId()).isEqualTo(operator.keyId()));
      assertThat(other.audit().listAuditEvents(ListAuditEventsRequest.newBuilder().setActor("audit-operator")
          .build()).getEventsList()).isEmpty();
      assertThatThrownBy(() -> other.audit().listAuditEvents(ListAuditEventsRequest.newBuilder()
          .setTenant("default").build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
  }
}
