package dev.baton.cli.connect;

import static java.util.Objects.requireNonNull;

import dev.baton.proto.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import dev.baton.sdk.client.BatonClient;
import dev.baton.sdk.client.BatonCredentials;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One command's connection to the orchestrator; every call gets its own deadline so a hung server cannot hang the shell. */
public final class OrchestratorConnection implements AutoCloseable {
  public static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

  private final BatonClient client;

  private OrchestratorConnection(BatonClient client) {
    this.client = client;
  }

  public static OrchestratorConnection open(String server, BatonCredentials credentials) {
    requireNonNull(server, "server");
    requireNonNull(credentials, "credentials");
    return new OrchestratorConnection(BatonClient.connect(server, credentials));
  }

  /** The WorkflowService stub for the next call (a stub's deadline is absolute, so take a fresh one per call). */
  public WorkflowServiceBlockingStub api() {
    return client.workflows().withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The CircuitService stub for the next call. */
  public dev.baton.proto.v1.CircuitServiceGrpc.CircuitServiceBlockingStub circuits() {
    return client.circuits().withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The NotificationService stub for the next call. */
  public dev.baton.proto.v1.NotificationServiceGrpc.NotificationServiceBlockingStub notifications() {
    return client.notifications().withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The KeyService stub (callers add their deadline). */
  public dev.baton.proto.v1.KeyServiceGrpc.KeyServiceBlockingStub keys() {
    return client.keys();
  }

  /** The AuditService stub (callers add their deadline). */
  public dev.baton.proto.v1.AuditServiceGrpc.AuditServiceBlockingStub audit() {
    return client.audit();
  }

  @Override
  public void close() {
    client.close();
  }
}
