package dev.baton.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.StepError;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {
  private static final Instant FAILED_AT = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void aFailedExecutionMatchingEveryFieldIsADeadLetter() {
    assertThat(new DeadLetterFilter("leads", "HTTP_503", FAILED_AT, FAILED_AT.plusSeconds(1))
        .mismatch(failed("leads", "HTTP_503", null))).isEmpty();
    assertThat(DeadLetterFilter.ANY.mismatch(failed("other", "X", null))).isEmpty();
  }

  @Test
  void anExecutionRetriedMeanwhileIsNoLongerOne() {
    var record = new dev.baton.orchestrator.engine.ExecutionRecord(UUID.randomUUID(), "t", "leads", 1,
        JsonNodeFactory.instance.objectNode(), null, null, null, "tp", FAILED_AT, ExecutionStatus.EXECUTION_STATUS_RUNNING,
        null, null, null);
    assertThat(DeadLetterFilter.ANY.mismatch(record)).contains("it is RUNNING now (expected: FAILED)");
  }

  @Test
  void eachFieldThatDiffersSaysWhy() {
    assertThat(new DeadLetterFilter("invoices", null, null, null).mismatch(failed("leads", "X", null)))
        .contains("it belongs to workflow leads (filter: invoices)");
    assertThat(new DeadLetterFilter(null, "HTTP_503", null, null).mismatch(failed("leads", "TIMEOUT", null)))
        .contains("its last error is TIMEOUT now (filter: HTTP_503)");
    assertThat(new DeadLetterFilter(null, null, FAILED_AT.plusMillis(1), null).mismatch(failed("leads", "X", null)))
        .hasValueSatisfying(why -> assertThat(why).startsWith("it failed at 2026-01-01T10:00:00Z, before"));
    assertThat(new DeadLetterFilter(null, null, null, FAILED_AT).mismatch(failed("leads", "X", null)))
        .hasValueSatisfying(why -> assertThat(why).endsWith("not before 2026-01-01T10:00:00Z"));
    assertThat(DeadLetterFilter.ANY.mismatch(failed("leads", "X", UUID.randomUUID())))
        .hasValueSatisfying(why -> assertThat(why).startsWith("it is a child of execution"));
  }

  @Test
  void anEmptyOrBackwardsTimeRangeCannotBeBuilt() {
    assertThatThrownBy(() -> new DeadLetterFilter(null, null, FAILED_AT, FAILED_AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static dev.baton.orchestrator.engine.ExecutionRecord failed(String workflow, String code, UUID parent) {
    return new dev.baton.orchestrator.engine.ExecutionRecord(UUID.randomUUID(), "t", workflow, 1,
        JsonNodeFactory.instance.objectNode(), null, parent, parent, "tp", FAILED_AT.minusSeconds(60),
        ExecutionStatus.EXECUTION_STATUS_FAILED, null, StepError.newBuilder().setCode(code).setStepId("enrich").build(),
        FAILED_AT);
  }
}
