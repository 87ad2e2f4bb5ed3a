package dev.baton.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.ExecutionSummary;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.FindingType;
import dev.baton.proto.v1.Severity;
import dev.baton.proto.v1.StepReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingRulesTest {
  private static final ExecutionSummary NONE = ExecutionSummary.getDefaultInstance();

  private static StepReport.Builder step(String name) {
    return StepReport.newBuilder().setStep(name).setAttempts(100);
  }

  @Test
  void aStepThatHoldsMostOfTheCriticalPathRunningIsASlowStep() {
    Finding f = FindingRules.slowStep(step("render").setCriticalPathShare(0.8).setRunShare(0.95).build()).orElseThrow();
    assertThat(f.getType()).isEqualTo(FindingType.FINDING_TYPE_SLOW_STEP);
    assertThat(f.getSeverity()).isEqualTo(Severity.SEVERITY_HIGH);
    assertThat(f.getSummary()).isEqualTo("render is 80% of the end-to-end time, 95% of that running its handler");
    assertThat(f.getEvidenceMap()).containsEntry("critical_path_share", 0.8);
    assertThat(f.getSuggestedAction()).startsWith("make render faster (").doesNotContain("%s");

    assertThat(FindingRules.slowStep(step("render").setCriticalPathShare(0.4).setRunShare(0.95).build())).isEmpty();
    assertThat(FindingRules.slowStep(step("render").setCriticalPathShare(0.8).setRunShare(0.2).build()))
        .as("mostly waiting, not running").isEmpty();
    assertThat(FindingRules.slowStep(step("render").setAttempts(3).setCriticalPathShare(0.8).setRunShare(0.9).build()))
        .as("too few samples").isEmpty();
  }

  @Test
  void aStepWaitingMostOfItsTimeInQueueIsQueueSaturationWithTheExecutorAdvice() {
    Finding f = FindingRules.queueSaturation(step("enrich").setMeanQueueMs(800).setMeanRunMs(200).build()).orElseThrow();
    assertThat(f.getType()).isEqualTo(FindingType.FINDING_TYPE_QUEUE_SATURATION);
    assertThat(f.getSeverity()).isEqualTo(Severity.SEVERITY_HIGH);
    assertThat(f.getSummary()).startsWith("enrich waits 80% of its time in queue");
    assertThat(f.getSuggestedAction()).contains("raise executor concurrency").contains("add executors");

    assertThat(FindingRules.queueSaturation(step("enrich").setMeanQueueMs(300).setMeanRunMs(700).build())).isEmpty();
    assertThat(FindingRules.queueSaturation(step("enrich").setMeanQueueMs(20).setMeanRunMs(5).build()))
        .as("a short wait is no saturation however large its share").isEmpty();
  }

  @Test
  void manyRetriesAreARetryStorm() {
    Finding f = FindingRules.retryStorm(step("charge").setRetryRate(0.6).setErrorRate(0.62).build()).orElseThrow();
    assertThat(f.getType()).isEqualTo(FindingType.FINDING_TYPE_RETRY_STORM);
    assertThat(f.getSuggestedAction()).startsWith("find why charge fails (").doesNotContain("%s");
    assertThat(f.getSeverity()).isEqualTo(Severity.SEVERITY_HIGH);
    assertThat(FindingRules.retryStorm(step("charge").setRetryRate(0.25).build()).orElseThrow().getSeverity())
        .isEqualTo(Severity.SEVERITY_MEDIUM);
    assertThat(FindingRules.retryStorm(step("charge").setRetryRate(0.1).build())).isEmpty();
  }

  @Test
  void aHostFailingCallsIsAFlakyDependencyWithSeverityByRate() {
    DependencyReport host = DependencyReport.newBuilder().setHost("api.example.com").setCalls(200).setFailureRate(0.3)
        .setP95Ms(120).build();
    Finding f = FindingRules.flakyDependency(host).orElseThrow();
    assertThat(f.getType()).isEqualTo(FindingType.FINDING_TYPE_FLAKY_DEPENDENCY);
    assertThat(f.getHost()).isEqualTo("api.example.com");
    assertThat(f.getSeverity()).isEqualTo(Severity.SEVERITY_HIGH);
    assertThat(f.getSummary()).isEqualTo("api.example.com fails 30% of 200 calls (p95 120 ms)");
    assertThat(FindingRules.flakyDependency(host.toBuilder().setFailureRate(0.07).build()).orElseThrow().getSeverity())
        .isEqualTo(Severity.SEVERITY_LOW);
    assertThat(FindingRules.flakyDependency(host.toBuilder().setFailureRate(0.01).build())).isEmpty();
    assertThat(FindingRules.flakyDependency(host.toBuilder().setCalls(5).build())).isEmpty();
  }

  @Test
  void aP95HalfAgainAsLongAsInThePreviousWindowIsARegression() {
    StepReport slower = step("score").setP95Ms(300).setPreviousP95Ms(100).setPreviousAttempts(50).build();
    Finding f = FindingRules.stepRegression(slower).orElseThrow();
    assertThat(f.getType()).isEqualTo(FindingType.FINDING_TYPE_REGRESSION);
    assertThat(f.getSeverity()).isEqualTo(Severity.SEVERITY_HIGH);
    assertThat(f.getEvidenceMap()).containsEntry("ratio", 3.0);
    assertThat(f.getSuggestedAction()).startsWith("compare what changed for score since").doesNotContain("%s");
    assertThat(FindingRules.stepRegression(slower.toBuilder().setP95Ms(140).build())).isEmpty();
    assertThat(FindingRules.stepRegression(slower.toBuilder().setPreviousAttempts(0).build()))
        .as("nothing to compare with").isEmpty();
    assertThat(FindingRules.stepRegression(step("tiny").setP95Ms(3).setPreviousP95Ms(1).setPreviousAttempts(50).build()))
        .as("a few milliseconds are noise").isEmpty();

    ExecutionSummary before = ExecutionSummary.newBuilder().setExecutions(40).setP95Ms(1000).build();
    assertThat(FindingRules.workflowRegression(before.toBuilder().setP95Ms(1600).build(), before)).isPresent();
    assertThat(FindingRules.workflowRegression(before, before)).isEmpty();
  }

  @Test
  void findingsComeMostSevereFirst() {
    List<Finding> findings = FindingRules.findings(NONE, NONE,
        List.of(step("a").setRetryRate(0.25).build(), step("b").setCriticalPathShare(0.9).setRunShare(1).build()),
        List.of());
    assertThat(findings).extracting(Finding::getType)
        .containsExactly(FindingType.FINDING_TYPE_SLOW_STEP, FindingType.FINDING_TYPE_RETRY_STORM);
  }
}
