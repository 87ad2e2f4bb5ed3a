package dev.baton.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** How the packages of the command depend on each other (see cli/README.md for what each owns). */
@AnalyzeClasses(packages = "dev.baton.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** No package cycles (the entry point's package included) and no grab-bag names. */
  @ArchTest
  static final ArchRule moduleRules = ArchitectureRules.moduleRules("dev.baton.cli");

  /** The entry point assembles the command from every package; none of them may reach back up to it. */
  @ArchTest
  static final ArchRule nothingDependsOnTheEntryPoint = noClasses().that().resideInAPackage("dev.baton.cli.*..")
      .should().dependOnClassesThat().resideInAPackage("dev.baton.cli");
}
