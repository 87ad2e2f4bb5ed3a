package dev.baton.analytics;

import static dev.baton.common.auth.Access.INGEST;
import static dev.baton.common.auth.Access.OPERATE;
import static dev.baton.common.auth.Access.READ;

import dev.baton.common.auth.MethodAccess;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.Map;

/** Who may call which RPC of analytics-svc: the one place that decides it. */
public final class AnalyticsAccess {
  private AnalyticsAccess() {}

  public static MethodAccess table() {
    return MethodAccess.builder()
        .service(AnalyticsServiceGrpc.getServiceDescriptor(), Map.of("GetBottleneckReport", READ))
        .service(AlertServiceGrpc.getServiceDescriptor(), Map.of(
            "PutAlertRule", OPERATE, "ListAlertRules", READ, "DeleteAlertRule", OPERATE,
            "ListAlertHistory", READ, "ListAlertDeliveries", READ, "WatchAlerts", READ))
        .service(TraceServiceGrpc.getServiceDescriptor(), Map.of("Export", INGEST))
        .build();
  }
}
