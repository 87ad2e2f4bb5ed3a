package dev.baton.analytics.rollup;

import dev.baton.analytics.rollup.RollupKeys.DependencyKey;
import dev.baton.analytics.rollup.RollupKeys.ExecutionKey;
import dev.baton.analytics.rollup.RollupKeys.StepKey;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The rollup deltas of a set of finished executions, per key, before they are merged into the tables. */
public final class RollupBatch {
  final Map<ExecutionKey, ExecutionStats> executions = new TreeMap<>(ExecutionKey.ORDER);
  final Map<StepKey, StepStats> steps = new TreeMap<>(StepKey.ORDER);
  final Map<DependencyKey, DependencyStats> dependencies = new TreeMap<>(DependencyKey.ORDER);

  public void add(ExecutionSpans execution) {
    Instant bucket = execution.bucket();
    ExecutionStats stats = executions.computeIfAbsent(new ExecutionKey(execution.tenant(), execution.workflow(),
        execution.workflowVersion(), bucket), k -> ExecutionStats.empty());
    stats.executions++;
    stats.failed += execution.failed() ? 1 : 0;
    long duration = Math.max(0, execution.endNanos() - execution.startNanos());
    stats.durationNanos += duration;
    stats.duration.add(duration / 1e6);
    for (AttemptTiming attempt : execution.attempts()) {
      step(execution, attempt.step(), bucket).add(attempt);
    }
    CriticalPath.of(execution.startNanos(), execution.attempts())
        .forEach((step, share) -> step(execution, step, bucket).add(share));
    for (ExecutionSpans.DependencyCall call : execution.calls()) {
      dependencies.computeIfAbsent(new DependencyKey(execution.tenant(), execution.workflow(), call.host(), bucket),
          k -> DependencyStats.empty()).add(call);
    }
  }

  private StepStats step(ExecutionSpans execution, String step, Instant bucket) {
    return steps.computeIfAbsent(new StepKey(execution.tenant(), execution.workflow(), execution.workflowVersion(),
        step, bucket), k -> StepStats.empty());
  }

  public Map<StepKey, StepStats> steps() {
    return steps;
  }

  public Map<ExecutionKey, ExecutionStats> executions() {
    return executions;
  }

  public Map<DependencyKey, DependencyStats> dependencies() {
    return dependencies;
  }

  public boolean isEmpty() {
    return executions.isEmpty();
  }
}
