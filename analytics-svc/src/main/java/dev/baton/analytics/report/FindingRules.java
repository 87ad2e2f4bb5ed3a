package dev.baton.analytics.report;

import dev.baton.proto.v1.DependencyReport;
import dev.baton.proto.v1.ExecutionSummary;
import dev.baton.proto.v1.Finding;
import dev.baton.proto.v1.FindingType;
import dev.baton.proto.v1.Severity;
import dev.baton.proto.v1.StepReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules that turn a report's numbers into findings (thresholds documented in
 * analytics-svc/README.md). Rules need a minimum number of samples, so that one odd execution
 * does not produce advice.
 */
final class FindingRules {
  static final int MIN_ATTEMPTS = 10;
  static final int MIN_CALLS = 10;
  static final double SLOW_STEP_SHARE = 0.5;
  static final double QUEUE_SHARE = 0.5;
  static final double MIN_MEAN_QUEUE_MS = 50;
  static final double RETRY_RATE = 0.2;
  static final double FAILURE_RATE = 0.05;
  static final double REGRESSION_RATIO = 1.5;
  static final double MIN_REGRESSION_MS = 50;

  private FindingRules() {}

  static List<Finding> findings(ExecutionSummary executions, ExecutionSummary previous, List<StepReport> steps,
      List<DependencyReport> hosts) {
    List<Finding> out = new ArrayList<>();
    for (StepReport step : steps) {
      slowStep(step).ifPresent(out::add);
      queueSaturation(step).ifPresent(out::add);
      retryStorm(step).ifPresent(out::add);
      stepRegression(step).ifPresent(out::add);
    }
    hosts.forEach(host -> flakyDependency(host).ifPresent(out::add));
    workflowRegression(executions, previous).ifPresent(out::add);
    out.sort(Comparator.comparingInt((Finding f) -> f.getSeverity().getNumber()).reversed());
    return out;
  }

  static Optional<Finding> slowStep(StepReport s) {
    if (s.getAttempts() < MIN_ATTEMPTS || s.getCriticalPathShare() < SLOW_STEP_SHARE || s.getRunShare() < 0.5) {
      return Optional.empty();
    }
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_SLOW_STEP)
        .setSeverity(s.getCriticalPathShare() >= 0.7 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM)
        .setStep(s.getStep())
        .setSummary("%s is %s of the end-to-end time, %s of that running its handler"
            .formatted(s.getStep(), percent(s.getCriticalPathShare()), percent(s.getRunShare())))
        .putEvidence("critical_path_share", s.getCriticalPathShare())
        .putEvidence("run_share", s.getRunShare())
        .putEvidence("p95_ms", s.getP95Ms())
        .setSuggestedAction(("make %s faster (cache or batch its calls, split it, or run its work in parallel with "
            + "forEach); steps not on its path cannot shorten the executions").formatted(s.getStep()))
        .build());
  }

  static Optional<Finding> queueSaturation(StepReport s) {
    double total = s.getMeanQueueMs() + s.getMeanRunMs() + s.getMeanBackoffMs();
    double queueShare = total == 0 ? 0 : s.getMeanQueueMs() / total;
    if (s.getAttempts() < MIN_ATTEMPTS || queueShare < QUEUE_SHARE || s.getMeanQueueMs() < MIN_MEAN_QUEUE_MS) {
      return Optional.empty();
    }
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_QUEUE_SATURATION)
        .setSeverity(queueShare >= 0.8 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM)
        .setStep(s.getStep())
        .setSummary("%s waits %s of its time in queue (mean %.0f ms queued, %.0f ms running)"
            .formatted(s.getStep(), percent(queueShare), s.getMeanQueueMs(), s.getMeanRunMs()))
        .putEvidence("queue_share", queueShare)
        .putEvidence("mean_queue_ms", s.getMeanQueueMs())
        .putEvidence("mean_run_ms", s.getMeanRunMs())
        .putEvidence("critical_path_share", s.getCriticalPathShare())
        .setSuggestedAction("raise executor concurrency (BATON_EXECUTOR_CONCURRENCY) or add executors for the task "
            + "queue of " + s.getStep())
        .build());
  }

  static Optional<Finding> retryStorm(StepReport s) {
    if (s.getAttempts() < MIN_ATTEMPTS || s.getRetryRate() < RETRY_RATE) {
      return Optional.empty();
    }
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_RETRY_STORM)
        .setSeverity(s.getRetryRate() >= 0.5 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM)
        .setStep(s.getStep())
        .setSummary("%s of the attempts of %s are retries (%s of attempts failed)"
            .formatted(percent(s.getRetryRate()), s.getStep(), percent(s.getErrorRate())))
        .putEvidence("retry_rate", s.getRetryRate())
        .putEvidence("error_rate", s.getErrorRate())
        .putEvidence("attempts", s.getAttempts())
        .putEvidence("backoff_share", s.getBackoffShare())
        .setSuggestedAction(("find why %s fails (its error codes in the executions); if a dependency is overloaded, "
            + "lengthen the backoff or lower maxAttempts rather than retrying harder").formatted(s.getStep()))
        .build());
  }

  static Optional<Finding> stepRegression(StepReport s) {
    if (s.getAttempts() < MIN_ATTEMPTS || s.getPreviousAttempts() < MIN_ATTEMPTS
        || !regressed(s.getP95Ms(), s.getPreviousP95Ms())) {
      return Optional.empty();
    }
    double ratio = s.getP95Ms() / s.getPreviousP95Ms();
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_REGRESSION)
        .setSeverity(ratio >= 2 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM)
        .setStep(s.getStep())
        .setSummary("p95 of %s went from %.0f ms to %.0f ms (x%.1f) against the previous window"
            .formatted(s.getStep(), s.getPreviousP95Ms(), s.getP95Ms(), ratio))
        .putEvidence("p95_ms", s.getP95Ms())
        .putEvidence("previous_p95_ms", s.getPreviousP95Ms())
        .putEvidence("ratio", ratio)
        .setSuggestedAction(("compare what changed for %s since the previous window: a new workflow version, its "
            + "handler's dependencies, executor load").formatted(s.getStep()))
        .build());
  }

  static Optional<Finding> workflowRegression(ExecutionSummary now, ExecutionSummary before) {
    if (now.getExecutions() < MIN_ATTEMPTS || before.getExecutions() < MIN_ATTEMPTS
        || !regressed(now.getP95Ms(), before.getP95Ms())) {
      return Optional.empty();
    }
    double ratio = now.getP95Ms() / before.getP95Ms();
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_REGRESSION)
        .setSeverity(ratio >= 2 ? Severity.SEVERITY_HIGH : Severity.SEVERITY_MEDIUM)
        .setSummary("p95 end-to-end time went from %.0f ms to %.0f ms (x%.1f) against the previous window"
            .formatted(before.getP95Ms(), now.getP95Ms(), ratio))
        .putEvidence("p95_ms", now.getP95Ms())
        .putEvidence("previous_p95_ms", before.getP95Ms())
        .putEvidence("ratio", ratio)
        .setSuggestedAction("look at the steps with the largest change in critical-path share")
        .build());
  }

  static Optional<Finding> flakyDependency(DependencyReport d) {
    if (d.getCalls() < MIN_CALLS || d.getFailureRate() < FAILURE_RATE) {
      return Optional.empty();
    }
    Severity severity = d.getFailureRate() >= 0.25 ? Severity.SEVERITY_HIGH
        : d.getFailureRate() >= 0.1 ? Severity.SEVERITY_MEDIUM : Severity.SEVERITY_LOW;
    return Optional.of(Finding.newBuilder()
        .setType(FindingType.FINDING_TYPE_FLAKY_DEPENDENCY)
        .setSeverity(severity)
        .setHost(d.getHost())
        .setSummary("%s fails %s of %d calls (p95 %.0f ms)"
            .formatted(d.getHost(), percent(d.getFailureRate()), d.getCalls(), d.getP95Ms()))
        .putEvidence("failure_rate", d.getFailureRate())
        .putEvidence("calls", d.getCalls())
        .putEvidence("p95_ms", d.getP95Ms())
        .setSuggestedAction("retry calls to %s with backoff, add a fallback provider, or raise it with its owners"
            .formatted(d.getHost()))
        .build());
  }

  private static boolean regressed(double now, double before) {
    return before > 0 && now >= before * REGRESSION_RATIO && now - before >= MIN_REGRESSION_MS;
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
