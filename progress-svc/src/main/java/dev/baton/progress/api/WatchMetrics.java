package dev.baton.progress.api;

import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;

/**
 * How WatchExecution streams coped with slow clients (docs/metrics.md): live watchers that fell a
 * buffer behind and were moved to the paced catch-up, and streams ended because their client took
 * nothing for the slow-watcher timeout.
 */
public final class WatchMetrics {
  private final LongCounter fellBehind;
  private final LongCounter timedOut;

  public WatchMetrics(Meter meter) {
    Objects.requireNonNull(meter, "meter");
    fellBehind = meter.counterBuilder("baton.progress.watcher.fell.behind").setUnit("{stream}")
        .setDescription("Times a live WatchExecution stream had a full buffer and went on through the paced catch-up")
        .build();
    timedOut = meter.counterBuilder("baton.progress.watcher.timed.out").setUnit("{stream}")
        .setDescription("WatchExecution streams ended because their client took no update for "
            + "BATON_PROGRESS_SLOW_WATCHER_TIMEOUT while updates waited")
        .build();
  }

  void fellBehind() {
    fellBehind.add(1);
  }

  void timedOut() {
    timedOut.add(1);
  }
}
