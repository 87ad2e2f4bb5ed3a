package dev.baton.common.tenant;

import io.grpc.Context;
import java.util.regex.Pattern;

/**
 * The tenant of a call. Authentication sets it from the caller's API key
 * ({@link dev.baton.common.auth.AuthInterceptor}); no header a caller sends names it.
 */
public final class Tenants {
  public static final String DEFAULT = "default";
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
}
