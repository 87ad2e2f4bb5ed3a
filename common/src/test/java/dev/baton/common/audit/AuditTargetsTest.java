package dev.baton.common.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.ResumeStepRequest;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepState;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What of a request the audit log keeps: the ids and names it acts on, never inputs, URLs or secrets. */
class AuditTargetsTest {

  @Test
  void keepsTheIdOfTheObjectActedOn() {
    assertThat(AuditTargets.of(RevokeApiKeyRequest.newBuilder().setId("k3abcdefghijklmn").build()))
        .containsExactly("id=k3abcdefghijklmn");
  }

  @Test
  void keepsNamesButNeitherInputsNorOtherStrings() {
    StartExecutionRequest start = StartExecutionRequest.newBuilder().setWorkflowName("lead-pipeline")
        .setWorkflowVersion(3).setInputJson("{\"password\":\"hunter2\"}").setIdempotencyKey("order-77").build();

    assertThat(AuditTargets.of(start)).containsExactly("workflow_name=lead-pipeline");
  }

  @Test
  void keepsOnlyTheNameOfAMessageFieldNotItsUrlOrSecret() {
    SetNotificationChannelRequest set = SetNotificationChannelRequest.newBuilder()
        .setChannel(NotificationChannel.newBuilder().setName("ops").setUrl("https://hooks.example/x?token=abc")
            .setSecret("whsec-42").setWorkflowName("lead-pipeline").addKinds("FAILED"))
        .build();

    assertThat(AuditTargets.of(set)).containsExactly("channel.name=ops");
  }

  @Test
  void keepsEveryIdOfAnIntervention() {
    ResumeStepRequest resume = ResumeStepRequest.newBuilder().setExecutionId("ex-1").setStepId("enrich")
        .setInputJson("{\"email\":\"a@b.c\"}").setConfigJson("{\"apiKey\":\"x\"}")
        .setActor(Actor.newBuilder().setName("alice").setReason("provider was down")).build();

    assertThat(AuditTargets.of(resume)).containsExactly("execution_id=ex-1", "step_id=enrich", "actor.name=alice");
  }

  @Test
  void aKeyRequestKeepsTheKeysNameOnly() {
    CreateApiKeyRequest create = CreateApiKeyRequest.newBuilder().setTenant("acme").setRole(Role.ROLE_ADMIN)
        .setName("ci").setExpiresIn(Durations.fromDays(90)).build();

    assertThat(AuditTargets.of(create)).containsExactly("name=ci");
  }

  @Test
  void emptyFieldsUnsetMessagesAndNoRequestGiveNothing() {
    assertThat(AuditTargets.of(RevokeApiKeyRequest.getDefaultInstance())).isEmpty();
    assertThat(AuditTargets.of(SetNotificationChannelRequest.getDefaultInstance())).isEmpty();
    assertThat(AuditTargets.of(null)).isEmpty();
  }

  @Test
  void repeatedIdsAreKeptUpToTheCapAndLongValuesAreCut() {
    StepState step = StepState.newBuilder().setStepId("s".repeat(AuditTargets.MAX_VALUE + 50))
        .setOutputJson("{\"secret\":1}")
        .addAllChildExecutionIds(IntStream.range(0, 30).mapToObj(i -> "child-" + i).toList()).build();

    var targets = AuditTargets.of(step);

    assertThat(targets).hasSize(AuditTargets.MAX_TARGETS);
    assertThat(targets.get(0)).isEqualTo("step_id=" + "s".repeat(AuditTargets.MAX_VALUE) + "...");
    assertThat(targets.subList(1, targets.size()))
        .containsExactlyElementsOf(IntStream.range(0, AuditTargets.MAX_TARGETS - 1)
            .mapToObj(i -> "child_execution_ids=child-" + i).toList());
  }
}
