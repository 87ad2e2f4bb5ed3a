package dev.baton.dev;

import dev.baton.analytics.AnalyticsAccess;
import dev.baton.common.auth.MethodAccess;
import dev.baton.orchestrator.OrchestratorAccess;
import dev.baton.progress.ProgressAccess;
import dev.baton.proto.internal.v1.ExecutorServiceGrpc;
import dev.baton.proto.v1.AlertServiceGrpc;
import dev.baton.proto.v1.AnalyticsServiceGrpc;
import dev.baton.proto.v1.AuditServiceGrpc;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.NotificationServiceGrpc;
import dev.baton.proto.v1.ProgressServiceGrpc;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every RPC the platform serves, by the server that serves it, enumerated from the service
 * descriptors: a method added to a service is in here without anyone touching this file.
 */
final class ServedRpcs {
  private ServedRpcs() {}

  /** The servers of a platform, where a client reaches them, and the table that says who may call what. */
  enum Server {
    ORCHESTRATOR(platform -> platform.orchestrators().get(0).target(), OrchestratorAccess.table(),
        WorkflowServiceGrpc.getServiceDescriptor(), ExecutorServiceGrpc.getServiceDescriptor(),
        CircuitServiceGrpc.getServiceDescriptor(), NotificationServiceGrpc.getServiceDescriptor(),
        KeyServiceGrpc.getServiceDescriptor(), AuditServiceGrpc.getServiceDescriptor()),
    PROGRESS(LocalPlatform::progressTarget, ProgressAccess.table(), ProgressServiceGrpc.getServiceDescriptor()),
    ANALYTICS(platform -> "localhost:" + platform.analytics().port(), AnalyticsAccess.table(),
        AnalyticsServiceGrpc.getServiceDescriptor(), AlertServiceGrpc.getServiceDescriptor(),
        TraceServiceGrpc.getServiceDescriptor());

    private final Function<LocalPlatform, String> target;
    private final MethodAccess access;
    private final List<ServiceDescriptor> services;

    Server(Function<LocalPlatform, String> target, MethodAccess access, ServiceDescriptor... services) {
      this.target = target;
      this.access = access;
      this.services = List.of(services);
    }

    String target(LocalPlatform platform) {
      return target.apply(platform);
    }

    /** The methods of the services listed here. */
    Set<String> listedMethods() {
      Set<String> names = new TreeSet<>();
      services.forEach(s -> s.getMethods().forEach(m -> names.add(m.getFullMethodName())));
      return names;
    }

    /** The methods the server authorizes (its access table is built from the services it binds). */
    Set<String> authorizedMethods() {
      return new TreeSet<>(access.methods());
    }
  }

  /** One RPC and its server. */
  record Rpc(Server server, MethodDescriptor<?, ?> method) {
    @Override
    public String toString() {
      return method.getFullMethodName();
    }

    /** Calls that delete or revoke go last where order matters: the others' calls still find the objects. */
    boolean removes() {
      String name = method.getBareMethodName();
      return name.startsWith("Delete") || name.startsWith("Revoke");
    }
  }

  static List<Rpc> all() {
    return java.util.Arrays.stream(Server.values())
        .flatMap(server -> server.services.stream()
            .flatMap(service -> service.getMethods().stream().map(method -> new Rpc(server, method))))
        .toList();
  }
}
