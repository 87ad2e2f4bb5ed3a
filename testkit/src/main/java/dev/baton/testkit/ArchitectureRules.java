package dev.baton.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * The rules every module's {@code ArchitectureTest} checks on its main classes, written once here.
 * A module's test imports its own classes ({@code @AnalyzeClasses(packages = ROOT, importOptions =
 * ImportOption.DoNotIncludeTests.class)}) and checks {@link #moduleRules} or, for a service,
 * {@link #serviceRules}, plus rules of its own.
 */
public final class ArchitectureRules {
  /** The root package of each deployable service. */
  public static final List<String> SERVICES = List.of(
      "dev.baton.orchestrator", "dev.baton.executor", "dev.baton.progress", "dev.baton.analytics");

  private ArchitectureRules() {}

  /**
   * What every module keeps: {@link #noPackageCycles} and {@link #noGrabBagNames}. A rule added here
   * applies to every module at once.
   */
  public static ArchRule moduleRules(String rootPackage) {
    return CompositeArchRule.of(noPackageCycles(rootPackage)).and(noGrabBagNames());
  }

  /** What every service keeps: the {@link #moduleRules} and {@link #noDependencyOnOtherServices}. */
  public static ArchRule serviceRules(String servicePackage) {
    return CompositeArchRule.of(moduleRules(servicePackage)).and(noDependencyOnOtherServices(servicePackage));
  }

  /**
   * No cycle among the packages of {@code rootPackage}, the root package itself included: a package
   * can be understood, tested and changed starting from the ones it uses. Each package is its own
   * slice, so a cycle through the root (wiring there, an exception there that subpackages throw)
   * counts as well as one between two subpackages.
   */
  public static ArchRule noPackageCycles(String rootPackage) {
    return slices().assignedFrom(packagesUnder(rootPackage)).should().beFreeOfCycles();
  }

  /** Classes are named after the one thing they do, never a grab-bag suffix. */
  public static ArchRule noGrabBagNames() {
    return noClasses().should().haveSimpleNameEndingWith("Util")
        .orShould().haveSimpleNameEndingWith("Utils")
        .orShould().haveSimpleNameEndingWith("Helper")
        .orShould().haveSimpleNameEndingWith("Manager")
        .because("a class is named after the one concept it implements (CONVENTIONS.md)");
  }

  /**
   * The service rooted at {@code servicePackage} uses no class of another service: services meet
   * only through the proto contract (gRPC, Redis streams) and documented SQL views.
   */
  public static ArchRule noDependencyOnOtherServices(String servicePackage) {
    if (!SERVICES.contains(servicePackage)) {
      throw new IllegalArgumentException("servicePackage: " + servicePackage + " (expected: one of " + SERVICES + ")");
    }
    return independentOf(servicePackage, SERVICES);
  }

  /** {@link #noDependencyOnOtherServices} over any set of packages (for its own test). */
  static ArchRule independentOf(String ownPackage, List<String> allPackages) {
    String[] others = allPackages.stream().filter(p -> !p.equals(ownPackage)).map(p -> p + "..").toArray(String[]::new);
    return noClasses().that().resideInAPackage(ownPackage + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .because("services meet only through the proto contract and documented SQL views");
  }

  private static SliceAssignment packagesUnder(String rootPackage) {
    Objects.requireNonNull(rootPackage, "rootPackage");
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        boolean inside = name.equals(rootPackage) || name.startsWith(rootPackage + ".");
        return inside ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of " + rootPackage;
      }
    };
  }
}
