package dev.baton.analytics;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** The rules every module keeps (testkit's ArchitectureRules), on analytics-svc's main classes. */
@AnalyzeClasses(packages = "dev.baton.analytics", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles("dev.baton.analytics");

  @ArchTest
  static final ArchRule noGrabBagNames = ArchitectureRules.noGrabBagNames();

  @ArchTest
  static final ArchRule noOtherService = ArchitectureRules.noDependencyOnOtherServices("dev.baton.analytics");
}
