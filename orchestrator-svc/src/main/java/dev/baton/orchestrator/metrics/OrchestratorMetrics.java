package dev.baton.orchestrator.metrics;

import dev.baton.common.redis.RedisCommandErrors;
import dev.baton.common.telemetry.DurationHistograms;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.Objects;

/**
 * What the orchestrator records as it works (docs/metrics.md): how long tasks take from commit to
 * their queue, how long steps run, how many executions its transitions change, and which Redis
 * commands fail. Labels are names from workflow definitions and the registered task queues, never
 * execution or task ids, so their number stays that of the definitions.
 */
public final class OrchestratorMetrics {
  static final AttributeKey<String> TASK_QUEUE = AttributeKey.stringKey("task_queue");
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("workflow");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("step");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  private final DoubleHistogram dispatchLatency;
  private final DoubleHistogram stepDuration;
  private final LongCounter transitions;
  private final RedisCommandErrors redisErrors;

  public OrchestratorMetrics(Meter meter) {
    Objects.requireNonNull(meter, "meter");
    dispatchLatency = DurationHistograms.seconds(meter, "baton.dispatch.latency",
        "Time from the commit that created a task to Redis acknowledging its XADD, by task queue");
    stepDuration = DurationHistograms.seconds(meter, "baton.step.duration",
        "Time from a step's start to its end (all attempts, retries and backoff), by workflow, step and outcome");
    transitions = meter.counterBuilder("baton.orchestrator.transitions").setUnit("{transition}")
        .setDescription("Executions changed by committed transitions (starts, results, cancels, requeues, "
            + "interventions); one transaction may change many")
        .build();
    redisErrors = new RedisCommandErrors(meter);
  }

  /** A task reached its queue {@code latency} after the commit that created (or requeued) it. */
  public void dispatched(String taskQueue, Duration latency) {
    dispatchLatency.record(seconds(latency), Attributes.of(TASK_QUEUE, taskQueue));
  }

  /**
   * A step that had started ended. {@code outcome} is succeeded, failed, skipped or cancelled.
   * Steps that end without having started (skipped by {@code when}) have no duration and are not
   * recorded.
   */
  public void stepEnded(String workflow, String stepId, String outcome, Duration duration) {
    stepDuration.record(seconds(duration), Attributes.of(WORKFLOW, workflow, STEP, stepId, OUTCOME, outcome));
  }

  /** One transaction committed, changing {@code executions} executions. */
  public void committed(int executions) {
    if (executions > 0) {
      transitions.add(executions);
    }
  }

  public RedisCommandErrors redisErrors() {
    return redisErrors;
  }

  private static double seconds(Duration duration) {
    return Math.max(0, duration.toNanos()) / 1e9;
  }
}
