package dev.baton.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceParentTest {
  private static final UUID EXECUTION = UUID.fromString("3f0c1e9a-58a4-4a8e-9c5e-0d5b1c2e7f10");

  @Test
  void aNewTraceNamesTheExecutionsOwnSpanIdAndRoundTrips() {
    TraceParent root = TraceParent.newTrace(EXECUTION);

    assertThat(root.spanId()).isEqualTo(TraceParent.spanIdOf(EXECUTION));
    assertThat(root.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
    assertThat(TraceParent.parse(root.format())).contains(root);
    assertThat(root.format()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  }

  @Test
  void spanIdsDerivedFromIdsAreStableAndDiffer() {
    assertThat(TraceParent.spanIdOf(EXECUTION)).isEqualTo(TraceParent.spanIdOf(UUID.fromString(EXECUTION.toString())));
    assertThat(TraceParent.spanIdOf(EXECUTION)).isNotEqualTo(TraceParent.spanIdOf(UUID.randomUUID()));
    assertThat(TraceParent.spanIdOf(new UUID(0, 0))).isEqualTo("0000000000000001");
  }

  @Test
  void aChildExecutionKeepsTheParentsTraceWithItsOwnSpanId() {
    TraceParent parent = TraceParent.newTrace(EXECUTION);
    UUID child = UUID.randomUUID();

    TraceParent childContext = TraceParent.parse(TraceParent.forChildExecution(parent.format(), child)).orElseThrow();

    assertThat(childContext.traceId()).isEqualTo(parent.traceId());
    assertThat(childContext.spanId()).isEqualTo(TraceParent.spanIdOf(child));
  }

  @Test
  void aChildOfAnUnparseableTraceparentStartsANewTrace() {
    UUID child = UUID.randomUUID();

    TraceParent childContext = TraceParent.parse(TraceParent.forChildExecution("garbage", child)).orElseThrow();

    assertThat(childContext.spanId()).isEqualTo(TraceParent.spanIdOf(child));
  }

  @Test
  void malformedHeadersAreNotParsed() {
    assertThat(TraceParent.parse(null)).isEmpty();
    assertThat(TraceParent.parse("")).isEmpty();
    assertThat(TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")).isEmpty();
    assertThat(TraceParent.parse("00-00000000000000000000000000000000-b7ad6b7169203331-01")).isEmpty();
    assertThat(TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")).isEmpty();
    assertThat(TraceParent.parse("00-0af7651916cd43dd8448eb211c80319Z-b7ad6b7169203331-01")).isEmpty();
    assertThat(TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
        .contains(new TraceParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
  }
}
