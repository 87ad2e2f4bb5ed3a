package dev.baton.sdk.client;

import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the Baton API for one tenant. Thread-safe; create one and share it.
 *
 * <pre>{@code
 * try (BatonClient baton = BatonClient.connect("localhost:7233", "default")) {
 *   var started = baton.workflows().startExecution(StartExecutionRequest.newBuilder()
 *       .setWorkflowName("lead-pipeline").setInputJson("{\"audience\":\"CTOs in Berlin\"}").build());
 * }
 * }</pre>
 */
public final class BatonClient implements AutoCloseable {
  /** Default address of a local {@code bin/baton dev}. */
  public static final String DEFAULT_TARGET = "localhost:7233";
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-baton-tenant", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final ClientInterceptor tenantHeader;

  private BatonClient(ManagedChannel channel, String tenant) {
    this.channel = channel;
    Metadata headers = new Metadata();
    headers.put(TENANT, tenant);
    this.tenantHeader = MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  /** Plaintext connection to {@code host:port}. */
  public static BatonClient connect(String target, String tenant) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tenant, "tenant");
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .maxInboundMessageSize(16 * 1024 * 1024)
        .build();
    return new BatonClient(channel, tenant);
  }

  public WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows() {
    return WorkflowServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
  }

  /** The tenant's circuit breakers of external providers (served by the orchestrator). */
  public dev.baton.proto.v1.CircuitServiceGrpc.CircuitServiceBlockingStub circuits() {
    return dev.baton.proto.v1.CircuitServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
  }

  /** The tenant's admin notification channels and delivery log (served by the orchestrator). */
  public dev.baton.proto.v1.NotificationServiceGrpc.NotificationServiceBlockingStub notifications() {
    return dev.baton.proto.v1.NotificationServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
  }

  public WorkflowServiceGrpc.WorkflowServiceFutureStub workflowsAsync() {
    return WorkflowServiceGrpc.newFutureStub(channel).withInterceptors(tenantHeader);
  }

  /**
   * Live progress (progress-svc). It listens on its own address: connect a second client to it,
   * e.g. {@code BatonClient.connect("localhost:7234", tenant).progress()}.
   */
  public ProgressServiceGrpc.ProgressServiceBlockingStub progress() {
    return ProgressServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
  }

  /**
   * Alert rules and their history (analytics-svc). It listens on its own address: connect a second
   * client to it, e.g. {@code BatonClient.connect("localhost:7235", tenant).alerts()}.
   */
  public AlertServiceGrpc.AlertServiceBlockingStub alerts() {
    return AlertServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
  }

  /**
   * Reports over the traces of executions (analytics-svc, its own address like progress-svc),
   * e.g. {@code BatonClient.connect("localhost:7235", tenant).analytics()}.
   */
  public AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analytics() {
    return AnalyticsServiceGrpc.newBlockingStub(channel).withInterceptors(tenantHeader);
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
