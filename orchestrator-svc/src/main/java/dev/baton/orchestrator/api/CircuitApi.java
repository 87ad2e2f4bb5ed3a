package dev.baton.orchestrator.api;

import dev.baton.orchestrator.circuit.CircuitStates;
import dev.baton.proto.v1.CircuitServiceGrpc;
import dev.baton.proto.v1.ListCircuitsRequest;
import dev.baton.proto.v1.ListCircuitsResponse;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/** gRPC {@code baton.v1.CircuitService}: the tenant's circuit breakers, read from Redis. */
public final class CircuitApi extends CircuitServiceGrpc.CircuitServiceImplBase {
  private final CircuitStates circuits;

  public CircuitApi(CircuitStates circuits) {
    this.circuits = Objects.requireNonNull(circuits, "circuits");
  }

  @Override
  public void listCircuits(ListCircuitsRequest request, StreamObserver<ListCircuitsResponse> observer) {
    Replies.forTenant(observer, tenant -> circuits.list(tenant)
        .map(list -> ListCircuitsResponse.newBuilder().addAllCircuits(list).build()));
  }
}
