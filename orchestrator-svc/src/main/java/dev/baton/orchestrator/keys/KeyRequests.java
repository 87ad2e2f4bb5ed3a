package dev.baton.orchestrator.keys;

import com.google.protobuf.Duration;
import dev.baton.common.auth.Principal;
import dev.baton.proto.RoleNames;
import dev.baton.common.tenant.Tenants;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.Role;
import java.util.regex.Pattern;

/**
 * Checks key requests against the caller: a tenant admin acts only on its own tenant's keys and
 * creates only tenant keys; a platform admin names the tenant. Every message names the field.
 */
final class KeyRequests {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");
  static final java.time.Duration MAX_LIFETIME = java.time.Duration.ofDays(3660);
  static final java.time.Duration MAX_GRACE = java.time.Duration.ofDays(30);

  private KeyRequests() {}

  /** The tenant the new key is for (null: a platform-wide key). */
  static String tenantOfNewKey(Principal caller, CreateApiKeyRequest request) {
    Role role = request.getRole();
    if (role == Role.ROLE_UNSPECIFIED || role == Role.UNRECOGNIZED) {
      throw OrchestratorException.invalid("role: required (one of " + RoleNames.choices() + ")");
    }
    if (!NAME.matcher(request.getName()).matches()) {
      throw OrchestratorException.invalid("name: '" + request.getName()
          + "' (expected: 1 to 63 letters, digits, '.', '_' or '-')");
    }
    String tenant = request.getTenant();
    if (!caller.platformAdmin()) {
      if (!tenant.isEmpty() && !tenant.equals(caller.tenant())) {
        // another tenant's name is as unknown to a tenant admin as any other
        throw OrchestratorException.invalid("tenant: '" + tenant + "' (expected: empty or your own tenant)");
      }
      if (role == Role.ROLE_PLATFORM_ADMIN) {
        throw OrchestratorException.permissionDenied("role: platform-admin keys are created by a platform admin");
      }
      return caller.tenant();
    }
    if (role == Role.ROLE_PLATFORM_ADMIN) {
      if (!tenant.isEmpty()) {
        throw OrchestratorException.invalid("tenant: a platform-admin key has no tenant (expected: empty)");
      }
      return null;
    }
    if (tenant.isEmpty()) {
      if (Principal.mayBePlatformWide(role)) {
        return null;
      }
      throw OrchestratorException.invalid("tenant: required for a " + RoleNames.name(role) + " key");
    }
    if (!Tenants.valid(tenant)) {
      throw OrchestratorException.invalid("tenant: '" + tenant
          + "' (expected: lower-case letters, digits and '-', at most 63)");
    }
    return tenant;
  }

  static java.time.Duration lifetime(CreateApiKeyRequest request) {
    if (!request.hasExpiresIn()) {
      return null;
    }
    java.time.Duration lifetime = duration(request.getExpiresIn());
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw OrchestratorException.invalid("expires_in: " + lifetime + " (expected: > 0 and at most "
          + MAX_LIFETIME.toDays() + " days)");
    }
    return lifetime;
  }

  static java.time.Duration grace(boolean present, Duration grace) {
    java.time.Duration value = present ? duration(grace) : java.time.Duration.ZERO;
    if (value.isNegative() || value.compareTo(MAX_GRACE) > 0) {
      throw OrchestratorException.invalid("grace: " + value + " (expected: 0 to " + MAX_GRACE.toDays() + " days)");
    }
    return value;
  }

  static String id(String id) {
    if (id.isEmpty()) {
      throw OrchestratorException.invalid("id: required");
    }
    return id;
  }

  private static java.time.Duration duration(Duration value) {
    return java.time.Duration.ofSeconds(value.getSeconds(), value.getNanos());
  }
}
