package dev.baton.executor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** The rules every service keeps (testkit's ArchitectureRules), on the executor's main classes. */
@AnalyzeClasses(packages = "dev.baton.executor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule serviceRules = ArchitectureRules.serviceRules("dev.baton.executor");
}
