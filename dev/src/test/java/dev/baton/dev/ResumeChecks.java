package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.ExecutionUpdate;
import java.util.ArrayList;
import java.util.List;

/** Assertions on a watch that was resumed by a second stream. */
final class ResumeChecks {
  private ResumeChecks() {}

  /**
   * The second stream starts where the first stopped; together they hold events 2..N of the
   * execution's log exactly once, in order, and the execution has succeeded.
   */
  static void assertNoGapNoDuplicate(LocalPlatform platform, String executionId, ProgressWatch first,
      ProgressWatch second) {
    List<EventRows.Row> rows = EventRows.of(platform, executionId);
    ExecutionUpdate resumed = second.updates().get(0);
    assertThat(resumed.getSnapshot()).isTrue();
    assertThat(resumed.getProgress().getSequence()).isEqualTo(first.lastSequence());
    List<EventRows.Row> received = new ArrayList<>();
    for (ProgressWatch watch : List.of(first, second)) {
      watch.updates().stream().filter(ExecutionUpdate::hasEvent).forEach(u -> received.add(EventRows.Row.of(u.getEvent())));
    }
    assertThat(received).containsExactlyElementsOf(rows.subList(1, rows.size()));
    assertThat(rows.get(rows.size() - 1).type()).isEqualTo("EXECUTION_SUCCEEDED");
  }
}
