package dev.baton.sdk.client;

import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the Baton API with one API key (whose tenant and role decide what it sees and
 * may do). Thread-safe; create one and share it.
 *
 * <pre>{@code
 * try (BatonClient baton = BatonClient.connect("localhost:7233", BatonCredentials.apiKey(System.getenv("BATON_API_KEY")))) {
 *   var started = baton.workflows().startExecution(StartExecutionRequest.newBuilder()
 *       .setWorkflowName("lead-pipeline").setInputJson("{\"audience\":\"CTOs in Berlin\"}").build());
 * }
 * }</pre>
 */
public final class BatonClient implements AutoCloseable {
  /** Default address of a local {@code bin/baton dev}. */
  public static final String DEFAULT_TARGET = "localhost:7233";

  private final ManagedChannel channel;
  private final ClientInterceptor credentialsHeader;

  private BatonClient(ManagedChannel channel, BatonCredentials credentials) {
    this.channel = channel;
    this.credentialsHeader = credentials.interceptor();
  }

  /** Plaintext connection to {@code host:port}. */
  public static BatonClient connect(String target, BatonCredentials credentials) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(credentials, "credentials");
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .maxInboundMessageSize(16 * 1024 * 1024)
        .build();
    return new BatonClient(channel, credentials);
  }

  public WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows() {
    return WorkflowServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /** The tenant's circuit breakers of external providers (served by the orchestrator). */
  public dev.baton.proto.v1.CircuitServiceGrpc.CircuitServiceBlockingStub circuits() {
    return dev.baton.proto.v1.CircuitServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /** The tenant's admin notification channels and delivery log (served by the orchestrator). */
  public dev.baton.proto.v1.NotificationServiceGrpc.NotificationServiceBlockingStub notifications() {
    return dev.baton.proto.v1.NotificationServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /** API keys: a tenant admin's own tenant's, a platform admin's of every tenant (served by the orchestrator). */
  public dev.baton.proto.v1.KeyServiceGrpc.KeyServiceBlockingStub keys() {
    return dev.baton.proto.v1.KeyServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /** The audit log: a tenant admin's tenant's entries, a platform admin's all (served by the orchestrator). */
  public dev.baton.proto.v1.AuditServiceGrpc.AuditServiceBlockingStub audit() {
    return dev.baton.proto.v1.AuditServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  public WorkflowServiceGrpc.WorkflowServiceFutureStub workflowsAsync() {
    return WorkflowServiceGrpc.newFutureStub(channel).withInterceptors(credentialsHeader);
  }

  /**
   * Live progress (progress-svc). It listens on its own address: connect a second client to it,
   * e.g. {@code BatonClient.connect("localhost:7234", credentials).progress()}.
   */
  public ProgressServiceGrpc.ProgressServiceBlockingStub progress() {
    return ProgressServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /**
   * Alert rules and their history (analytics-svc). It listens on its own address: connect a second
   * client to it, e.g. {@code BatonClient.connect("localhost:7235", credentials).alerts()}.
   */
  public AlertServiceGrpc.AlertServiceBlockingStub alerts() {
    return AlertServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  /**
   * Reports over the traces of executions (analytics-svc, its own address like progress-svc),
   * e.g. {@code BatonClient.connect("localhost:7235", credentials).analytics()}.
   */
  public AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analytics() {
    return AnalyticsServiceGrpc.newBlockingStub(channel).withInterceptors(credentialsHeader);
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
