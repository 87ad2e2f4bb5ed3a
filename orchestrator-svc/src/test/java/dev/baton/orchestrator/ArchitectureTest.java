package dev.baton.orchestrator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.common.events.EventPayloads;
import dev.baton.common.telemetry.TraceParent;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.testkit.ArchitectureRules;

/**
 * The package layout of the orchestrator, checked on its compiled classes (package-info.java of
 * dev.baton.orchestrator draws it).
 */
@AnalyzeClasses(packages = "dev.baton.orchestrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** No package cycles (the root package included), no grab-bag names, no class of another service. */
  @ArchTest
  static final ArchRule serviceRules = ArchitectureRules.serviceRules("dev.baton.orchestrator");

  /**
   * The rules of an execution are pure: they see definitions and values, never a database, a
   * queue or a clock they did not get (what the engine tests rely on). EventPayloads is pure too:
   * it pairs an event's payload with its type.
   */
  @ArchTest
  static final ArchRule engineIsPureRules = classes().that().resideInAPackage("dev.baton.orchestrator.engine..")
      .should().onlyDependOnClassesThat(resideInAnyPackage("dev.baton.orchestrator.engine..",
              "dev.baton.orchestrator.definition..", "dev.baton.proto..", "dev.baton.common.json..",
              "dev.baton.common.status..", "com.fasterxml.jackson..", "com.google.protobuf..", "io.grpc..", "java..")
          .or(equivalentTo(OrchestratorException.class))
          .or(equivalentTo(TraceParent.class))
          .or(equivalentTo(EventPayloads.class)));

  /**
   * The gRPC layer maps requests and responses; what happens to an execution is decided behind
   * {@code execution.ExecutionCalls} and {@code execution.TaskResults}, never in api.
   */
  @ArchTest
  static final ArchRule apiReachesExecutionsThroughTheirCalls = noClasses()
      .that().resideInAPackage("dev.baton.orchestrator.api..")
      .should().dependOnClassesThat(resideInAnyPackage("dev.baton.orchestrator.engine..",
              "dev.baton.orchestrator.transition..", "dev.baton.orchestrator.dispatch..")
          .or(resideInAPackage("dev.baton.orchestrator.store..").and(simpleNameStartingWith("Execution"))));
}
