package dev.baton.proto;

import dev.baton.proto.v1.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How people, the CLI and the database name a {@link Role}: its {@link EnumNames short name} in
 * lower case with '-' for '_' ({@code ROLE_PLATFORM_ADMIN} is {@code platform-admin}).
 */
public final class RoleNames {
  private RoleNames() {}

  public static String name(Role role) {
    if (role == Role.ROLE_UNSPECIFIED || role == Role.UNRECOGNIZED) {
      throw new IllegalArgumentException("role: " + role + " (expected: a role)");
    }
    return EnumNames.shortName(role).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Role> parse(String name) {
    String shortName = name.toUpperCase(Locale.ROOT).replace('-', '_');
    Role role = EnumNames.parse(Role.class, shortName, Role.ROLE_UNSPECIFIED);
    return role == Role.ROLE_UNSPECIFIED ? Optional.empty() : Optional.of(role);
  }

  /** "admin, operator, ..." for error messages that list the choices. */
  public static String choices() {
    return Arrays.stream(Role.values())
        .filter(r -> r != Role.ROLE_UNSPECIFIED && r != Role.UNRECOGNIZED)
        .map(RoleNames::name)
        .collect(Collectors.joining(", "));
  }
}
