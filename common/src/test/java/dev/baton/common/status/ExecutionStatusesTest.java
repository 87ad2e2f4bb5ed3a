package dev.baton.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionStatusesTest {
  @Test
  void theOpenStatusesForSqlAreTheStoredNamesOfEveryStatusThatHasNotEnded() {
    assertThat(ExecutionStatuses.OPEN_SQL).isEqualTo("('RUNNING', 'WAITING_FOR_INTERVENTION', 'PAUSED')");
  }
}
