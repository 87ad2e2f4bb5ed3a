package dev.baton.progress;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.testkit.ArchitectureRules;

/** The rules every service keeps (testkit's ArchitectureRules), and what progress-svc may know of the orchestrator. */
@AnalyzeClasses(packages = "dev.baton.progress", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** The event fan-out (event_fanout.proto), the one internal message progress-svc reads. */
  private static final String EVENT_FANOUT =
      "dev\\.baton\\.proto\\.internal\\.v1\\.(EventBatch|PublishedEvent|EventFanoutProto)\\b.*";

  @ArchTest
  static final ArchRule serviceRules = ArchitectureRules.serviceRules("dev.baton.progress");

  /**
   * progress-svc knows the orchestrator only by its contracts: the public proto, the event fan-out
   * and the progress_read views. It uses no orchestrator class nor the orchestrator's task protocol
   * with the executors. (That its SQL reads nothing but those views, ProgressReadContractIT in dev
   * proves: it runs progress-svc as a role granted only progress_read.)
   */
  @ArchTest
  static final ArchRule knowsTheOrchestratorOnlyByItsContracts = noClasses().should().dependOnClassesThat(
      resideInAPackage("dev.baton.orchestrator..")
          .or(resideInAPackage("dev.baton.proto.internal..").and(not(nameMatching(EVENT_FANOUT)))));
}
