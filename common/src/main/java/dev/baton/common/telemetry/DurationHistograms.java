package dev.baton.common.telemetry;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * Histograms of durations in seconds. The SDK's default buckets (0, 5, 10, ... 10000) are meant
 * for milliseconds; in seconds they would put every sub-5-second call in one bucket, so these
 * cover 1 ms to 5 min instead.
 */
public final class DurationHistograms {
  /** Upper bounds in seconds. */
  public static final List<Double> SECONDS_BUCKETS = List.of(
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  private DurationHistograms() {}

  public static DoubleHistogram seconds(Meter meter, String name, String description) {
    return meter.histogramBuilder(name)
        .setUnit("s")
        .setDescription(description)
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
        .build();
  }
}
