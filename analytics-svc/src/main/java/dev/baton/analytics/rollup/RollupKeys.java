package dev.baton.analytics.rollup;

import java.time.Instant;
import java.util.Comparator;

/**
 * Primary keys of the three rollup tables. They sort, because every writer locks rows in key
 * order so that two replicas merging into the same rows cannot deadlock.
 */
public final class RollupKeys {
  private RollupKeys() {}

  public record ExecutionKey(String tenant, String workflow, int version, Instant bucket) {
    static final Comparator<ExecutionKey> ORDER = Comparator.comparing(ExecutionKey::tenant)
        .thenComparing(ExecutionKey::workflow).thenComparingInt(ExecutionKey::version)
        .thenComparing(ExecutionKey::bucket);
  }

  public record StepKey(String tenant, String workflow, int version, String step, Instant bucket) {
    static final Comparator<StepKey> ORDER = Comparator.comparing(StepKey::tenant)
        .thenComparing(StepKey::workflow).thenComparingInt(StepKey::version).thenComparing(StepKey::step)
        .thenComparing(StepKey::bucket);
  }

  public record DependencyKey(String tenant, String workflow, String host, Instant bucket) {
    static final Comparator<DependencyKey> ORDER = Comparator.comparing(DependencyKey::tenant)
        .thenComparing(DependencyKey::workflow).thenComparing(DependencyKey::host)
        .thenComparing(DependencyKey::bucket);
  }
}
