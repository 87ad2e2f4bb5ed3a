package dev.baton.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.testkit.ServedMethods;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AnalyticsAccess} has a rule for exactly the methods a running analytics-svc serves: a
 * service bound without rules would refuse every call, a rule without a served method is stale.
 */
class AnalyticsAccessIT {

  @Test
  void theAccessTableCoversEveryMethodServedAndEachRefusesACallWithoutAKey() {
    try (AnalyticsFixture fixture = AnalyticsFixture.create()) {
      Analytics analytics = fixture.startReplica(Map.of());
      // Baton's services and OTLP's (traces are served; metrics and logs are not)
      List<ServiceDescriptor> candidates = new ArrayList<>(ServedMethods.generatedAlongside(AnalyticsServiceGrpc.class));
      candidates.addAll(ServedMethods.generatedAlongside(TraceServiceGrpc.class));

      Map<String, Status.Code> served = ServedMethods.probe(analytics.port(), candidates);

      assertThat(served.keySet()).containsExactlyInAnyOrderElementsOf(AnalyticsAccess.table().methods());
      assertThat(served.values()).containsOnly(Status.Code.UNAUTHENTICATED);
    }
  }
}
