package dev.baton.analytics.report;

import com.google.protobuf.Timestamp;
import dev.baton.analytics.rollup.DependencyStats;
import dev.baton.analytics.rollup.ExecutionStats;
import dev.baton.analytics.rollup.StepStats;
import dev.baton.proto.v1.BottleneckReport;
import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.ExecutionSummary;
import dev.baton.proto.v1.StepReport;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Turns the rollups of a window and of the window before it into a {@link BottleneckReport}. */
final class BottleneckReports {
  private BottleneckReports() {}

  static BottleneckReport build(String workflow, ReportWindow window, WindowRollups current,
      WindowRollups previous) {
    long endToEnd = current.executions().durationNanos;
    long previousEndToEnd = previous.executions().durationNanos;
    List<StepReport> steps = current.steps().entrySet().stream()
        .map(e -> step(e.getKey(), e.getValue(), endToEnd, previous.steps().get(e.getKey()), previousEndToEnd))
        .sorted(Comparator.comparingDouble(StepReport::getCriticalPathShare).reversed()
            .thenComparing(StepReport::getStep))
        .toList();
    List<DependencyReport> hosts = current.hosts().entrySet().stream()
        .map(e -> dependency(e.getKey(), e.getValue(), previous.hosts().get(e.getKey())))
        .sorted(Comparator.comparingDouble(DependencyReport::getFailureRate).reversed()
            .thenComparing(DependencyReport::getHost))
        .toList();
    ExecutionSummary executions = summary(current.executions());
    ExecutionSummary previousExecutions = summary(previous.executions());
    double attributed = steps.stream().mapToDouble(StepReport::getCriticalPathShare).sum();
    return BottleneckReport.newBuilder()
        .setWorkflow(workflow)
        .setWindowStart(timestamp(window.start()))
        .setWindowEnd(timestamp(window.end()))
        .setExecutions(executions)
        .setPreviousExecutions(previousExecutions)
        .setBottleneckStep(steps.isEmpty() || steps.get(0).getCriticalPathShare() == 0 ? "" : steps.get(0).getStep())
        .addAllSteps(steps)
        .addAllDependencies(hosts)
        .addAllFindings(FindingRules.findings(executions, previousExecutions, steps, hosts))
        .setUnattributedShare(endToEnd == 0 ? 0 : Math.max(0, 1 - attributed))
        .build();
  }

  private static StepReport step(String name, StepStats s, long endToEnd, StepStats before, long endToEndBefore) {
    StepReport.Builder b = StepReport.newBuilder()
        .setStep(name)
        .setCriticalPathShare(ratio(s.criticalNanos, endToEnd))
        .setQueueShare(ratio(s.criticalQueueNanos, s.criticalNanos))
        .setRunShare(ratio(s.criticalRunNanos, s.criticalNanos))
        .setBackoffShare(ratio(s.criticalBackoffNanos, s.criticalNanos))
        .setAttempts(s.attempts)
        .setErrorRate(ratio(s.errors, s.attempts))
        .setRetryRate(ratio(s.retries, s.attempts))
        .setP50Ms(s.duration.quantile(0.50))
        .setP95Ms(s.duration.quantile(0.95))
        .setP99Ms(s.duration.quantile(0.99))
        .setMeanQueueMs(ratio(s.queueNanos, s.attempts) / 1e6)
        .setMeanRunMs(ratio(s.runNanos, s.attempts) / 1e6)
        .setMeanBackoffMs(ratio(s.backoffNanos, s.attempts) / 1e6);
    if (before != null) {
      b.setPreviousCriticalPathShare(ratio(before.criticalNanos, endToEndBefore))
          .setPreviousP95Ms(before.duration.quantile(0.95))
          .setPreviousAttempts(before.attempts);
    }
    return b.build();
  }

  private static DependencyReport dependency(String host, DependencyStats s, DependencyStats before) {
    DependencyReport.Builder b = DependencyReport.newBuilder()
        .setHost(host)
        .setCalls(s.calls)
        .setFailureRate(ratio(s.failures, s.calls))
        .setP50Ms(s.latency.quantile(0.50))
        .setP95Ms(s.latency.quantile(0.95))
        .setP99Ms(s.latency.quantile(0.99));
    if (before != null) {
      b.setPreviousFailureRate(ratio(before.failures, before.calls)).setPreviousCalls(before.calls);
    }
    return b.build();
  }

  private static ExecutionSummary summary(ExecutionStats s) {
    return ExecutionSummary.newBuilder()
        .setExecutions(s.executions)
        .setFailureRate(ratio(s.failed, s.executions))
        .setMeanMs(ratio(s.durationNanos, s.executions) / 1e6)
        .setP50Ms(s.duration.quantile(0.50))
        .setP95Ms(s.duration.quantile(0.95))
        .setP99Ms(s.duration.quantile(0.99))
        .build();
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
