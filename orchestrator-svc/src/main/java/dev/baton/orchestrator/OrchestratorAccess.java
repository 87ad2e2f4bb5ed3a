package dev.baton.orchestrator;

import static dev.baton.common.auth.Access.ADMIN_READ;
import static dev.baton.common.auth.Access.EXECUTE;
import static dev.baton.common.auth.Access.MANAGE_KEYS;
import static dev.baton.common.auth.Access.OPERATE;
import static dev.baton.common.auth.Access.READ;

import dev.baton.common.auth.MethodAccess;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.v1.AuditServiceGrpc;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.NotificationServiceGrpc;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import java.util.Map;

/** Who may call which RPC of the orchestrator: the one place that decides it. */
public final class OrchestratorAccess {
  private OrchestratorAccess() {}

  public static MethodAccess table() {
    return MethodAccess.builder()
        .service(WorkflowServiceGrpc.getServiceDescriptor(), Map.ofEntries(
            Map.entry("ApplyWorkflow", OPERATE),
            Map.entry("GetWorkflow", READ),
            Map.entry("ListWorkflows", READ),
            Map.entry("ListWorkflowVersions", READ),
            Map.entry("StartExecution", OPERATE),
            Map.entry("GetExecution", READ),
            Map.entry("ListExecutions", READ),
            Map.entry("CancelExecution", OPERATE),
            Map.entry("ListInterventions", READ),
            Map.entry("ResumeStep", OPERATE),
            Map.entry("RetryStep", OPERATE),
            Map.entry("SkipStep", OPERATE),
            Map.entry("FailStep", OPERATE),
            Map.entry("PauseExecution", OPERATE),
            Map.entry("ResumeExecution", OPERATE),
            Map.entry("ListFailedExecutions", READ),
            Map.entry("RetryFailedExecutions", OPERATE)))
        .service(ExecutorServiceGrpc.getServiceDescriptor(), Map.of(
            "RegisterExecutor", EXECUTE, "ReportResults", EXECUTE, "Heartbeat", EXECUTE))
        .service(CircuitServiceGrpc.getServiceDescriptor(), Map.of("ListCircuits", READ))
        .service(NotificationServiceGrpc.getServiceDescriptor(), Map.of(
            "SetNotificationChannel", OPERATE, "ListNotificationChannels", READ,
            "DeleteNotificationChannel", OPERATE, "ListNotificationDeliveries", READ))
        .service(KeyServiceGrpc.getServiceDescriptor(), Map.of(
            "CreateApiKey", MANAGE_KEYS, "ListApiKeys", MANAGE_KEYS, "RotateApiKey", MANAGE_KEYS,
            "RevokeApiKey", MANAGE_KEYS))
        .service(AuditServiceGrpc.getServiceDescriptor(), Map.of("ListAuditEvents", ADMIN_READ))
        .build();
  }
}
