package dev.baton.proto;

import dev.baton.proto.v1.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one conversion between {@link Role} and the names people and the database use
 * ("admin", "platform-admin"): the proto enum name without its prefix, lower case, '-' for '_'.
 */
public final class RoleNames {
  private static final String PREFIX = "ROLE_";

  private RoleNames() {}

  public static String name(Role role) {
    if (role == Role.ROLE_UNSPECIFIED || role == Role.UNRECOGNIZED) {
      throw new IllegalArgumentException("role: " + role + " (expected: a role)");
    }
    return role.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Role> parse(String name) {
    return Arrays.stream(Role.values())
        .filter(r -> r != Role.ROLE_UNSPECIFIED && r != Role.UNRECOGNIZED)
        .filter(r -> name(r).equals(name))
        .findFirst();
  }

  /** "admin, operator, ..." for error messages that list the choices. */
  public static String choices() {
    return Arrays.stream(Role.values())
        .filter(r -> r != Role.ROLE_UNSPECIFIED && r != Role.UNRECOGNIZED)
        .map(RoleNames::name)
        .collect(Collectors.joining(", "));
  }
}
