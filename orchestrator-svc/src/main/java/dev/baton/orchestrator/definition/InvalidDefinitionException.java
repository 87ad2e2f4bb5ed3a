package dev.baton.orchestrator.definition;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A workflow definition that cannot be parsed or compiled. Carries every violation found, not only
 * the first, so that an author can fix them all in one round; each names the field it is about,
 * e.g. {@code steps[1] (enrich).dependsOn: unknown step 'foo'}.
 */
public final class InvalidDefinitionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  public InvalidDefinitionException(List<String> violations) {
    super(String.join("; ", requireNonNull(violations, "violations")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations: empty (expected: at least one)");
    }
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
