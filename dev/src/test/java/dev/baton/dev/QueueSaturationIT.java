package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.FindingType;
import dev.baton.proto.v1.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One executor running one attempt at a time, many executions at once: the report says the step waits in queue. */
class QueueSaturationIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(env());

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>(AnalyticsReports.FAST_ROLLUPS);
    env.put("BATON_EXECUTOR_CONCURRENCY", "1");
    return env;
  }

  @Test
  void manyParallelRunsOnAnExecutorOfConcurrencyOneAreQueueSaturationOfTheQueuedStep() {
    Executions.apply(stack.platform().client(), """
        name: enrich-leads
        steps:
          - id: validate
            handler: noop
          - id: enrich
            dependsOn: [validate]
            handler: sleep
            input: { duration: 100ms }
        """);
    List<String> ids = IntStream.range(0, 30)
        .mapToObj(i -> Executions.start(stack.platform().client(), "enrich-leads", "{}").getId()).toList();
    ids.forEach(id -> Executions.awaitEnd(stack.platform().client(), id, Duration.ofSeconds(60)));

    BottleneckReport report = AnalyticsReports.awaitReport(stack.platform(), "enrich-leads", ids.size());
    List<Finding> saturation = report.getFindingsList().stream()
        .filter(f -> f.getType() == FindingType.FINDING_TYPE_QUEUE_SATURATION).toList();
    assertThat(saturation).extracting(Finding::getStep).contains("enrich");
    Finding enrich = saturation.stream().filter(f -> f.getStep().equals("enrich")).findFirst().orElseThrow();
    LoggerFactory.getLogger(QueueSaturationIT.class).info("queue saturation finding: {} {}", enrich.getSummary(),
        enrich.getEvidenceMap());
    // 30 attempts of 100 ms one after another: on average an attempt waits ~1.5 s for the executor
    double queueShare = enrich.getEvidenceMap().get("queue_share");
    assertThat(queueShare).isGreaterThan(0.6); // measured 0.80-0.87 on the 2-core machine
    assertThat(enrich.getSeverity()).isEqualTo(queueShare >= 0.8 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM);
    assertThat(enrich.getEvidenceMap().get("mean_run_ms")).as("the wait is not counted as run").isBetween(100.0, 200.0);
    assertThat(enrich.getSummary()).startsWith("enrich waits ");
    assertThat(enrich.getSuggestedAction()).contains("raise executor concurrency");
  }
}
