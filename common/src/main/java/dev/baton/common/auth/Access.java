package dev.baton.common.auth;

import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.Role;
import java.util.EnumSet;
import java.util.Set;

/** What calling a method takes: the roles whose keys may call it. */
public enum Access {
  /** Reads of a tenant's data. */
  READ(EnumSet.of(Role.ROLE_VIEWER, Role.ROLE_OPERATOR, Role.ROLE_ADMIN)),
  /** Reads only a tenant's admin may make (the audit log). */
  ADMIN_READ(EnumSet.of(Role.ROLE_ADMIN, Role.ROLE_PLATFORM_ADMIN)),
  /** Runs, cancels, interventions, channels and alert rules of a tenant. */
  OPERATE(EnumSet.of(Role.ROLE_OPERATOR, Role.ROLE_ADMIN)),
  /** A tenant's keys: its admin, or a platform admin for any tenant. */
  MANAGE_KEYS(EnumSet.of(Role.ROLE_ADMIN, Role.ROLE_PLATFORM_ADMIN)),
  /** The executor API: executors' own keys only. */
  EXECUTE(EnumSet.of(Role.ROLE_EXECUTOR)),
  /** Trace ingest: ingest keys, and executors (which export their own spans). */
  INGEST(EnumSet.of(Role.ROLE_INGEST, Role.ROLE_EXECUTOR));

  private final Set<Role> roles;

  Access(Set<Role> roles) {
    this.roles = roles;
  }

  /** Calls of this kind change state and go into the audit log (executor results and spans have logs of their own). */
  public boolean audited() {
    return this == OPERATE || this == MANAGE_KEYS;
  }

  public boolean allows(Role role) {
    return roles.contains(role);
  }

  /** For refusals: "viewer, operator or admin". */
  public String roleNames() {
    var names = roles.stream().map(RoleNames::name).toList();
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }
}
