package dev.baton.common.tenant;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.regex.Pattern;

/**
 * The tenant of a call. Authentication sets it from the caller's API key
 * ({@link dev.baton.common.auth.AuthInterceptor}); no header a caller sends names it.
 */
public final class Tenants {
  public static final String DEFAULT = "default";
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-baton-tenant", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> CURRENT = Context.key("baton-tenant");
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Tenants() {}

  /** The tenant of the current gRPC call. */
  public static String current() {
    String tenant = CURRENT.get();
    return tenant == null ? DEFAULT : tenant;
  }

  /** {@code context} with {@code tenant} as the caller's tenant (set by authentication, from the caller's key). */
  public static Context bind(Context context, String tenant) {
    return context.withValue(CURRENT, tenant);
  }

  /** Whether {@code tenant} is a well-formed tenant name. */
  public static boolean valid(String tenant) {
    return tenant != null && VALID.matcher(tenant).matches();
  }

  /** Until every service authenticates: puts the header's tenant into the call's context; rejects malformed ones. */
  public static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String tenant = headers.get(HEADER);
        if (tenant == null || tenant.isEmpty()) {
          tenant = DEFAULT;
        } else if (!VALID.matcher(tenant).matches()) {
          call.close(Status.INVALID_ARGUMENT.withDescription(
              "x-baton-tenant: '" + tenant + "' (expected: lower-case letters, digits and '-', at most 63)"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(CURRENT, tenant), call, headers, next);
      }
    };
  }
}
