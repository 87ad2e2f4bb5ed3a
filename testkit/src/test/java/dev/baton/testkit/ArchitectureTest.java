package dev.baton.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.baton.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule moduleRules = ArchitectureRules.moduleRules("dev.baton.testkit");

  /** Every module, common included, takes testkit as a test dependency: it cannot use any of them. */
  @ArchTest
  static final ArchRule usesNoBatonModule = noClasses().should().dependOnClassesThat(
      resideInAPackage("dev.baton..").and(not(resideInAPackage("dev.baton.testkit.."))));
}
