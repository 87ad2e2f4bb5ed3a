package dev.baton.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionEvent.AttemptFailed;
import dev.baton.proto.v1.ExecutionEvent.Intervention;
import dev.baton.proto.v1.ExecutionEvent.RecoveryApplied;
import dev.baton.proto.v1.ExecutionEvent.StepStarted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The event log's JSON is read by watchers and sent in notification webhooks: rows written before
 * payloads were typed must still read, and new rows must have the keys the old ones had.
 */
class EventPayloadsTest {
  @Test
  void everyTypeHasItsPayloadAndThePayloadGivesTheType() {
    for (ExecutionEvent.Type type : ExecutionEvent.Type.values()) {
      if (type == ExecutionEvent.Type.TYPE_UNSPECIFIED || type == ExecutionEvent.Type.UNRECOGNIZED) {
        continue;
      }
      ExecutionEvent read = EventPayloads.read(ExecutionEvent.newBuilder(), type.name(), null).build();
      assertThat(read.getType()).isEqualTo(type);
      assertThat(EventPayloads.typeOf(read)).isEqualTo(type);
      assertThat(EventPayloads.typeName(read)).isEqualTo(type.name());
    }
  }

  @Test
  void aRecoveryDecisionIsStoredWithTheKeysItAlwaysHadZeroAndFalseIncluded() {
    ExecutionEvent event = EventPayloads.typed(ExecutionEvent.newBuilder().setRecoveryApplied(RecoveryApplied.newBuilder()
        .setRule("steps.enrich.onError[0]").setRuleIndex(0).setWorkflowDefault(false).setAction("RETRY")
        .setCode("HTTP_503").setNextAttempt(3).setRetryAt(time("2025-01-01T00:00:10Z")).setHandler("lead-enrichment")
        .setProvider(""))).build();

    assertThat(Json.parse(EventPayloads.json(event))).isEqualTo(Json.parse("{\"rule\":\"steps.enrich.onError[0]\","
        + "\"ruleIndex\":0,\"workflowDefault\":false,\"action\":\"RETRY\",\"code\":\"HTTP_503\",\"nextAttempt\":3,"
        + "\"retryAt\":\"2025-01-01T00:00:10Z\",\"handler\":\"lead-enrichment\",\"provider\":\"\"}"));
  }

  @Test
  void timesAreWrittenAsInstantsPrintThem() {
    Instant started = Instant.parse("2025-01-01T00:00:01.500Z");
    ExecutionEvent event = EventPayloads.typed(ExecutionEvent.newBuilder().setAttemptFailed(AttemptFailed.newBuilder()
        .setStartedAt(time(started.toString())).setCode("X").setMessage("m"))).build();

    assertThat(Json.parse(EventPayloads.json(event)).path("startedAt").asText()).isEqualTo(started.toString());
  }

  @Test
  void rowsWrittenBeforePayloadsWereTypedReadTheSame() {
    // as jsonb prints them, with the explicit null the orchestrator used to write for "no retry"
    ExecutionEvent failed = read("ATTEMPT_FAILED", "{\"code\": \"HTTP_503\", \"message\": \"down\", "
        + "\"retryAt\": null, \"startedAt\": \"2025-01-01T00:00:01.123456Z\"}");
    assertThat(failed.getAttemptFailed().hasRetryAt()).isFalse();
    assertThat(failed.getAttemptFailed().getCode()).isEqualTo("HTTP_503");
    assertThat(failed.getAttemptFailed().getStartedAt()).isEqualTo(time("2025-01-01T00:00:01.123456Z"));

    ExecutionEvent emptyList = read("STEP_STARTED", "{\"itemsTotal\": 0}");
    assertThat(emptyList.getStepStarted().hasItemsTotal()).isTrue();
    assertThat(emptyList.getStepStarted().getItemsTotal()).isZero();
    assertThat(read("STEP_STARTED", null).getStepStarted()).isEqualTo(StepStarted.getDefaultInstance());

    ExecutionEvent skipped = read("INTERVENTION", "{\"actor\": \"ada\", \"action\": \"SKIP_STEP\", \"reason\": \"\", "
        + "\"outputJson\": \"{}\"}");
    assertThat(skipped.getIntervention().getAction()).isEqualTo(Intervention.Action.SKIP_STEP);
    assertThat(skipped.getIntervention().hasReason()).isTrue();

    assertThat(read("EXECUTION_SUCCEEDED", "{}").getExecutionSucceeded().getFailedStepsList()).isEmpty();
  }

  @Test
  void aPayloadWithoutFieldsIsStoredAsNoPayloadAndKeysOfANewerVersionAreIgnored() {
    ExecutionEvent cancelled = EventPayloads.typed(ExecutionEvent.newBuilder()
        .setStepCancelled(ExecutionEvent.StepCancelled.getDefaultInstance())).build();
    assertThat(EventPayloads.json(cancelled)).isNull();

    assertThat(read("STEP_SKIPPED", "{\"reason\": \"r\", \"addedLater\": 1}").getStepSkipped().getReason())
        .isEqualTo("r");
  }

  @Test
  void aTypeOfANewerVersionReadsAsUnspecifiedWithoutPayload() {
    ExecutionEvent event = read("STEP_TELEPORTED", "{\"to\": \"mars\"}");

    assertThat(event.getType()).isEqualTo(ExecutionEvent.Type.TYPE_UNSPECIFIED);
    assertThat(event.getPayloadCase()).isEqualTo(ExecutionEvent.PayloadCase.PAYLOAD_NOT_SET);
  }

  @Test
  void aPayloadThatDoesNotFitItsTypeIsReportedNotGuessed() {
    assertThatThrownBy(() -> read("STEP_STARTED", "{\"itemsTotal\": \"many\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the payload of a STEP_STARTED event does not fit StepStarted: ");
    assertThatThrownBy(() -> EventPayloads.typed(ExecutionEvent.newBuilder()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ExecutionEvent read(String type, String json) {
    return EventPayloads.read(ExecutionEvent.newBuilder(), type, json).build();
  }

  private static Timestamp time(String rfc3339) {
    Instant instant = Instant.parse(rfc3339);
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
