package dev.baton.cli.key;

import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --role}: a role as people write it ({@code operator}, {@code platform-admin}). A name that
 * is none is a usage error like any other bad option value: exit code 2, the choices listed.
 */
final class RoleConverter implements ITypeConverter<Role> {
  @Override
  public Role convert(String text) {
    return RoleNames.parse(text.trim()).orElseThrow(() ->
        new TypeConversionException("'" + text + "' (expected: one of " + RoleNames.choices() + ")"));
  }
}
