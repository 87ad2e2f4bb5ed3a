package dev.baton.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.ExecutionEvent;
import dev.baton.proto.v1.ExecutionStatus;
import dev.baton.proto.v1.RecoveryActionKind;
import dev.baton.proto.v1.StepStatus;
import org.junit.jupiter.api.Test;

class EnumNamesTest {
  @Test
  void shortNamesDropThePrefixOfTheEnumsZeroValue() {
    assertThat(EnumNames.shortName(ExecutionStatus.EXECUTION_STATUS_WAITING_FOR_INTERVENTION))
        .isEqualTo("WAITING_FOR_INTERVENTION");
    assertThat(EnumNames.shortName(StepStatus.STEP_STATUS_FAILED)).isEqualTo("FAILED");
    assertThat(EnumNames.shortName(RecoveryActionKind.RECOVERY_ACTION_KIND_FALLBACK)).isEqualTo("FALLBACK");
  }

  @Test
  void parseIsTheInverseOfShortNameForEveryValue() {
    for (StepStatus status : StepStatus.values()) {
      if (status != StepStatus.UNRECOGNIZED) {
        assertThat(EnumNames.parse(StepStatus.class, EnumNames.shortName(status))).isSameAs(status);
      }
    }
  }

  @Test
  void valuesOfAnEnumWithoutPrefixKeepTheirNames() {
    assertThat(EnumNames.shortName(ExecutionEvent.Type.STEP_FAILED)).isEqualTo("STEP_FAILED");
    assertThat(EnumNames.parse(ExecutionEvent.Type.class, "STEP_FAILED")).isEqualTo(ExecutionEvent.Type.STEP_FAILED);
  }

  @Test
  void anUnknownNameIsRejectedWithTheNamesThatExist() {
    assertThat(EnumNames.parse(ExecutionStatus.class, "DONE", ExecutionStatus.UNRECOGNIZED))
        .isEqualTo(ExecutionStatus.UNRECOGNIZED);
    assertThatThrownBy(() -> EnumNames.parse(ExecutionStatus.class, "DONE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ExecutionStatus: 'DONE' (expected: one of CANCELLED, FAILED, PAUSED, RUNNING, SUCCEEDED, "
            + "UNSPECIFIED, WAITING_FOR_INTERVENTION)");
  }
}
