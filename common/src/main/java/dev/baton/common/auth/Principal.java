package dev.baton.common.auth;

import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.Role;
import io.grpc.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a call: the API key it authenticated with. {@code tenant} is null for a platform admin
 * (who acts for no tenant) and for platform-wide executor and ingest keys (Baton's own services,
 * whose work and spans span every tenant); tenant-bound keys act only for their tenant.
 */
public record Principal(String keyId, String keyName, String tenant, Role role) {
  private static final Context.Key<Principal> CURRENT = Context.key("baton-principal");

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(role, "role");
    if (tenant == null ? !mayBePlatformWide(role) : role == Role.ROLE_PLATFORM_ADMIN) {
      throw new IllegalArgumentException("tenant: " + tenant + " (a " + RoleNames.name(role) + " key "
          + (tenant == null ? "needs a tenant)" : "has none)"));
    }
  }

  /** Roles a key may hold for no tenant in particular. */
  public static boolean mayBePlatformWide(Role role) {
    return role == Role.ROLE_PLATFORM_ADMIN || role == Role.ROLE_EXECUTOR || role == Role.ROLE_INGEST;
  }

  /** A key of no tenant: trusted to name the tenant its work or spans belong to. */
  public boolean platformWide() {
    return tenant == null;
  }

  public boolean platformAdmin() {
    return role == Role.ROLE_PLATFORM_ADMIN;
  }

  /** How the audit log and intervention events name the actor: "name (key id)". */
  public String actor() {
    return keyName + " (" + keyId + ")";
  }

  /** Who makes the current gRPC call (empty outside an authenticated call). */
  public static Optional<Principal> ofCurrentCall() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** {@code context} with this principal (and its tenant, if any) as the caller. */
  public Context bind(Context context) {
    Context withPrincipal = context.withValue(CURRENT, this);
    return tenant == null ? withPrincipal : dev.baton.common.tenant.Tenants.bind(withPrincipal, tenant);
  }
}
