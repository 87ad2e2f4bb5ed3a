package dev.baton.analytics.rollup;

import dev.baton.common.config.ConfigException;
import dev.baton.common.config.Env;
import java.time.Duration;

/**
 * Settings of the rollup job (defaults in brackets):
 * BATON_ANALYTICS_ROLLUP_INTERVAL [5s] how often a replica looks for finished executions;
 * BATON_ANALYTICS_ROLLUP_GRACE [15s] how long after its execution span arrived an execution is
 * rolled up (its attempt and client spans come from other services' batch exporters, which flush
 * every OTEL_BSP_SCHEDULE_DELAY, 5s by default: keep the grace above twice that);
 * BATON_ANALYTICS_ROLLUP_BATCH [500] executions per transaction;
 * BATON_ANALYTICS_RAW_RETENTION [1h] how long raw spans are kept once rolled up;
 * BATON_ANALYTICS_ORPHAN_RETENTION [24h] how long spans that are never rolled up are kept
 * (other services' spans, executions that never ended);
 * BATON_ANALYTICS_SPAN_PARTITION [15m] the span end times one partition of {@code analytics.spans}
 * holds (1m..1d): spans are kept up to this much longer than the raw retention, and lookups by trace
 * visit raw retention / partition + {@value SpanPartitions#AHEAD} + 1 partitions.
 */
public record RollupConfig(Duration interval, Duration grace, int batchSize, Duration rawRetention,
    Duration orphanRetention, Duration partition) {

  public RollupConfig {
    positive(interval, "BATON_ANALYTICS_ROLLUP_INTERVAL");
    if (grace.isNegative()) {
      throw new ConfigException("BATON_ANALYTICS_ROLLUP_GRACE: " + grace + " (expected: >= 0)");
    }
    positive(rawRetention, "BATON_ANALYTICS_RAW_RETENTION");
    if (orphanRetention.compareTo(rawRetention) < 0) {
      throw new ConfigException("BATON_ANALYTICS_ORPHAN_RETENTION: " + orphanRetention
          + " (expected: >= BATON_ANALYTICS_RAW_RETENTION, " + rawRetention + ")");
    }
    if (partition.compareTo(Duration.ofMinutes(1)) < 0 || partition.compareTo(Duration.ofDays(1)) > 0
        || partition.toNanosPart() != 0) {
      throw new ConfigException("BATON_ANALYTICS_SPAN_PARTITION: " + partition
          + " (expected: whole seconds between 1m and 1d)");
    }
  }

  public static RollupConfig from(Env env) {
    return new RollupConfig(
        env.duration("BATON_ANALYTICS_ROLLUP_INTERVAL", Duration.ofSeconds(5)),
        env.duration("BATON_ANALYTICS_ROLLUP_GRACE", Duration.ofSeconds(15)),
        env.integer("BATON_ANALYTICS_ROLLUP_BATCH", 500, 1, 100_000),
        env.duration("BATON_ANALYTICS_RAW_RETENTION", Duration.ofHours(1)),
        env.duration("BATON_ANALYTICS_ORPHAN_RETENTION", Duration.ofHours(24)),
        env.duration("BATON_ANALYTICS_SPAN_PARTITION", Duration.ofMinutes(15)));
  }

  private static void positive(Duration value, String name) {
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(name + ": " + value + " (expected: > 0)");
    }
  }
}
