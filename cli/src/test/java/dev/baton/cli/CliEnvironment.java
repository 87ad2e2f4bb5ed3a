package dev.baton.cli;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * The environment variables a command under test sees for the options that default to one
 * ({@code defaultValue = "${env:NAME:-fallback}"}): the test's own BATON_ variables and none of the
 * shell's, so that a BATON_API_KEY or BATON_SERVER exported where the tests run changes nothing.
 * Other variables (USER) are left to picocli, which reads the real environment.
 */
final class CliEnvironment implements IDefaultValueProvider {
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(\\w+)(?::-(.*))?}");

  private final Map<String, String> variables;

  CliEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    // picocli hands out only the interpolated default (the real environment's); the annotation has the variable
    if (!(arg.userObject() instanceof Field field) || field.getAnnotation(Option.class) == null) {
      return null;
    }
    Matcher reference = ENV_DEFAULT.matcher(field.getAnnotation(Option.class).defaultValue());
    if (!reference.matches() || !reference.group(1).startsWith("BATON_")) {
      return null;
    }
    String value = variables.get(reference.group(1));
    // "" for an unset variable without fallback: null would send picocli to the real environment
    return value != null ? value : reference.group(2) != null ? reference.group(2) : "";
  }
}
