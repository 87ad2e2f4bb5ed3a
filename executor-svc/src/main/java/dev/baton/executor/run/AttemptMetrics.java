package dev.baton.executor.run;

import dev.baton.common.telemetry.DurationHistograms;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.StepError.BuiltinCode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The executor's attempts as metrics (docs/metrics.md): how many ended, by handler and outcome,
 * how long their handlers ran, and how many of the executor's slots are busy. The handler label
 * is one of the handlers this executor provides, or {@code unknown} for a task naming another, so
 * its values are bounded by the executor's own handler list.
 */
public final class AttemptMetrics {
  static final AttributeKey<String> HANDLER = AttributeKey.stringKey("handler");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  static final String UNKNOWN_HANDLER = "unknown";

  /** How an attempt ended here. */
  enum Outcome {
    SUCCEEDED, FAILED, TIMED_OUT, CANCELLED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Outcome of(TaskResult result) {
      if (!result.hasError()) {
        return SUCCEEDED;
      }
      return BuiltinCode.TIMEOUT.name().equals(result.getError().getCode()) ? TIMED_OUT : FAILED;
    }
  }

  private final Set<String> handlers;
  private final LongCounter attempts;
  private final DoubleHistogram duration;

  public AttemptMetrics(Meter meter, Set<String> handlerNames) {
    Objects.requireNonNull(meter, "meter");
    this.handlers = Set.copyOf(handlerNames);
    attempts = meter.counterBuilder("baton.executor.attempts").setUnit("{attempt}")
        .setDescription("Task attempts that ended on this executor, by handler and outcome").build();
    duration = DurationHistograms.seconds(meter, "baton.executor.handler.duration",
        "Time from an attempt's start on this executor to its end, by handler and outcome");
  }

  /**
   * Observes the busy slots (attempts running) against the executor's concurrency when metrics are
   * collected.
   */
  public static void registerSlots(Meter meter, IntSupplier busy, int concurrency) {
    meter.gaugeBuilder("baton.executor.slots.busy").ofLongs().setUnit("{slot}")
        .setDescription("Attempts running on this executor").buildWithCallback(m -> m.record(busy.getAsInt()));
    meter.gaugeBuilder("baton.executor.slots").ofLongs().setUnit("{slot}")
        .setDescription("Attempts this executor runs at once (BATON_EXECUTOR_CONCURRENCY)")
        .buildWithCallback(m -> m.record(concurrency));
    meter.gaugeBuilder("baton.executor.utilization").setUnit("1")
        .setDescription("Busy slots divided by slots, 0 to 1")
        .buildWithCallback(m -> m.record(Math.min(1.0, busy.getAsInt() / (double) concurrency)));
  }

  void ended(String handler, Outcome outcome, Duration ran) {
    Attributes attributes = Attributes.of(HANDLER, handlers.contains(handler) ? handler : UNKNOWN_HANDLER,
        OUTCOME, outcome.label());
    attempts.add(1, attributes);
    duration.record(Math.max(0, ran.toNanos()) / 1e9, attributes);
  }
}
