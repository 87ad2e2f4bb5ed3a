package dev.baton.proto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** The rules every module keeps (testkit's ArchitectureRules), on the contract's classes. */
@AnalyzeClasses(packages = "dev.baton.proto", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule moduleRules = ArchitectureRules.moduleRules("dev.baton.proto");

  /** The public API (baton.v1) never exposes what services exchange among themselves (baton.internal.v1). */
  @ArchTest
  static final ArchRule publicApiUsesNothingInternal = noClasses().that().resideInAPackage("dev.baton.proto.v1..")
      .should().dependOnClassesThat().resideInAPackage("dev.baton.proto.internal..");
}
