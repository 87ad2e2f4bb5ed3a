package dev.baton.common.auth;

import dev.baton.proto.RoleNames;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Objects;

/**
 * Authenticates every call of a service from its {@code authorization: Bearer <API key>} header
 * and checks the key's role against the service's {@link MethodAccess} table. The caller's tenant
 * is the key's: nothing the caller sends names it. Refusals say why, and change nothing.
 */
public final class AuthInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final LiveKeyRing keys;
  private final MethodAccess access;

  public AuthInterceptor(LiveKeyRing keys, MethodAccess access) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Access needed = access.of(method).orElse(null);
    if (needed == null) {
      // the table is built from the bound services, so this is a wiring mistake: refuse, never open
      return refuse(call, Status.PERMISSION_DENIED.withDescription(method + ": no access rule"));
    }
    Verdict verdict = keys.verifyHeader(headers.get(AUTHORIZATION));
    if (verdict instanceof Verdict.Refused refused) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(refused.reason()));
    }
    Principal principal = ((Verdict.Accepted) verdict).principal();
    if (!needed.allows(principal.role())) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription("API key " + principal.keyId() + " ("
          + RoleNames.name(principal.role()) + ") may not call " + method + " (it takes " + needed.roleNames() + ")"));
    }
    return Contexts.interceptCall(principal.bind(io.grpc.Context.current()), call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
