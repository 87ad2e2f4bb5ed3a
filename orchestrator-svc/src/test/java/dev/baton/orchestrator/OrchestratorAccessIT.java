package dev.baton.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.WorkflowServiceGrpc;
import dev.baton.testkit.ServedMethods;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OrchestratorAccess} has a rule for exactly the methods a running orchestrator serves: a
 * service bound without rules would refuse every call, a rule without a served method is stale.
 */
class OrchestratorAccessIT {

  @Test
  void theAccessTableCoversEveryMethodServedAndEachRefusesACallWithoutAKey() {
    try (RunningOrchestrator running = new RunningOrchestrator("orchestrator_access").start()) {
      // every service of baton.v1 and baton.internal.v1, whichever service serves it
      Map<String, Status.Code> served = ServedMethods.probe(running.orchestrator().port(),
          ServedMethods.generatedAlongside(WorkflowServiceGrpc.class));

      assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(OrchestratorAccess.table().methods());
      assertThat(served.values()).containsOnly(Status.Code.UNAUTHENTICATED);
    }
  }
}
