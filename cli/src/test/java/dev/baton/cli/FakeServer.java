package dev.baton.cli;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real gRPC server on a random port hosting one fake service, recording the tenant header of every call. */
final class FakeServer implements AutoCloseable {
  private static final Metadata.Key<String> TENANT = Metadata.Key.of("x-baton-tenant", Metadata.ASCII_STRING_MARSHALLER);

  /** The x-baton-tenant header of each call, in order. */
  final List<String> tenants = Collections.synchronizedList(new ArrayList<>());
  private final Server server;

  FakeServer(BindableService service) {
    ServerInterceptor recordTenant = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        tenants.add(headers.get(TENANT));
        return next.startCall(call, headers);
      }
    };
    try {
      server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
          .addService(ServerInterceptors.intercept(service, recordTenant))
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String target() {
    return "localhost:" + server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
