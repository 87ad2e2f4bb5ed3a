package dev.baton.executor.circuit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Locale;
import java.util.Objects;

/**
 * What this executor's circuit breakers did (docs/metrics.md): attempts refused because a
 * provider's breaker was open, and the breaker transitions this executor's outcomes caused.
 * Labelled by provider only: provider names come from workflow configuration (a few per
 * deployment), while tenants could be many. The breakers' current state is ListCircuits' job.
 */
public final class CircuitMetrics {
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("provider");
  static final AttributeKey<String> TRANSITION = AttributeKey.stringKey("transition");

  private final LongCounter rejected;
  private final LongCounter transitions;

  public CircuitMetrics(Meter meter) {
    Objects.requireNonNull(meter, "meter");
    rejected = meter.counterBuilder("baton.circuit.rejected").setUnit("{attempt}")
        .setDescription("Attempts failed with CIRCUIT_OPEN without calling their provider, by provider").build();
    transitions = meter.counterBuilder("baton.circuit.transitions").setUnit("{transition}")
        .setDescription("Breaker transitions (opened, reopened, closed) caused by this executor's outcomes").build();
  }

  void rejected(String provider) {
    rejected.add(1, Attributes.of(PROVIDER, provider));
  }

  void transitioned(String provider, Transition transition) {
    if (transition != Transition.NONE) {
      transitions.add(1, Attributes.of(PROVIDER, provider, TRANSITION, transition.name().toLowerCase(Locale.ROOT)));
    }
  }
}
