package dev.baton.progress;

import dev.baton.common.auth.Access;
import dev.baton.common.auth.MethodAccess;
import dev.baton.proto.v1.ProgressServiceGrpc;
import java.util.Map;

/** Who may call which RPC of progress-svc: every watch is a read of the caller's tenant. */
public final class ProgressAccess {
  private ProgressAccess() {}

  public static MethodAccess table() {
    return MethodAccess.builder()
        .service(ProgressServiceGrpc.getServiceDescriptor(), Map.of(
            "WatchExecution", Access.READ, "WatchExecutions", Access.READ))
        .build();
  }
}
