package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule rejects what it is about and accepts a layout without it (fixtures in {@code fixture}). */
class ArchitectureRulesTest {
  private static final String FIXTURE = "dev.baton.testkit.fixture";

  @Test
  void aCycleThroughTheRootPackageIsReported() {
    EvaluationResult result = evaluate(ArchitectureRules.noPackageCycles(FIXTURE + ".cycle"), "cycle");

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
        .contains("Cycle detected").contains(FIXTURE + ".cycle ->").contains(FIXTURE + ".cycle.sub ->"));
  }

  @Test
  void wiringThatIsNotUsedBackIsNoCycle() {
    assertThat(evaluate(ArchitectureRules.noPackageCycles(FIXTURE + ".layered"), "layered").hasViolation()).isFalse();
  }

  @Test
  void aGrabBagNameIsReportedAndAConceptNameIsNot() {
    EvaluationResult names = evaluate(ArchitectureRules.noGrabBagNames(), "names");
    assertThat(names.hasViolation()).isTrue();
    assertThat(names.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains("StringHelper"));

    assertThat(evaluate(ArchitectureRules.noGrabBagNames(), "layered").hasViolation()).isFalse();
  }

  @Test
  void aServiceUsingAnotherServicesClassIsReportedButNotTheOtherWay() {
    List<String> services = List.of(FIXTURE + ".services.one", FIXTURE + ".services.two");

    EvaluationResult one = evaluate(ArchitectureRules.independentOf(services.get(0), services), "services");
    assertThat(one.hasViolation()).isTrue();
    assertThat(one.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains("Caller").contains("Callee"));

    assertThat(evaluate(ArchitectureRules.independentOf(services.get(1), services), "services").hasViolation()).isFalse();
  }

  @Test
  void theModuleAndServiceRulesIncludeEachRule() {
    assertThat(evaluate(ArchitectureRules.moduleRules(FIXTURE + ".cycle"), "cycle").hasViolation()).isTrue();
    assertThat(evaluate(ArchitectureRules.moduleRules(FIXTURE + ".names"), "names").hasViolation()).isTrue();
    assertThat(evaluate(ArchitectureRules.moduleRules(FIXTURE + ".layered"), "layered").hasViolation()).isFalse();

    assertThat(ArchitectureRules.serviceRules("dev.baton.progress").getDescription())
        .contains("packages of dev.baton.progress should be free of cycles")
        .contains("simple name ending with 'Helper'")
        .contains("no classes that reside in a package 'dev.baton.progress..' should depend on classes that reside in "
            + "any package ['dev.baton.orchestrator..', 'dev.baton.executor..', 'dev.baton.analytics..']");
  }

  @Test
  void onlyTheFourServicesAreServices() {
    assertThat(ArchitectureRules.noDependencyOnOtherServices("dev.baton.progress")).isNotNull();
    assertThatThrownBy(() -> ArchitectureRules.noDependencyOnOtherServices("dev.baton.cli"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("servicePackage: dev.baton.cli (expected: one of [dev.baton.orchestrator, dev.baton.executor, "
            + "dev.baton.progress, dev.baton.analytics])");
  }

  private static EvaluationResult evaluate(ArchRule rule, String fixture) {
    JavaClasses classes = new ClassFileImporter().importPackages(FIXTURE + "." + fixture);
    return rule.evaluate(classes);
  }
}
