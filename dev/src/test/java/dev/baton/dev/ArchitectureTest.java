package dev.baton.dev;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** The rules every module keeps (testkit's ArchitectureRules), on the launcher's main classes. */
@AnalyzeClasses(packages = "dev.baton.dev", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule moduleRules = ArchitectureRules.moduleRules("dev.baton.dev");
}
