package dev.baton.orchestrator.definition;

import dev.baton.common.time.DurationParser;
import dev.baton.proto.v1.RetryPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Turns a {@code retry} block (of a step, a recovery rule or a fallback) into a {@link Retry}, applying the documented defaults for unset fields. */
final class RetryPolicyReader {
  private RetryPolicyReader() {}

  /** @param path e.g. {@code steps[1] (enrich).retry}; a violation is recorded for each bad field */
  static Retry read(RetryPolicy policy, String path, Violations violations) {
    Retry defaults = Retry.defaults();
    int before = violations.count();

    int maxAttempts = policy.getMaxAttempts() == 0 ? 1 : policy.getMaxAttempts();
    if (policy.getMaxAttempts() < 0 || policy.getMaxAttempts() > Retry.MAX_ATTEMPTS_LIMIT) {
      violations.add(path + ".maxAttempts", policy.getMaxAttempts() + " (expected: 1-" + Retry.MAX_ATTEMPTS_LIMIT + ")");
    }
    Duration initial = DurationField.read(policy.getInitialBackoff(), path + ".initialBackoff", violations)
        .orElse(defaults.initialBackoff());
    Duration max = DurationField.read(policy.getMaxBackoff(), path + ".maxBackoff", violations)
        .orElse(defaults.maxBackoff());
    double multiplier = policy.getMultiplier() == 0 ? defaults.multiplier() : policy.getMultiplier();
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      violations.add(path + ".multiplier", policy.getMultiplier() + " (expected: >= 1)");
    }
    double jitter = policy.hasJitter() ? policy.getJitter() : defaults.jitter();
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      violations.add(path + ".jitter", policy.getJitter() + " (expected: 0-1)");
    }
    if (max.compareTo(initial) < 0) {
      violations.add(path + ".maxBackoff", describe(max, policy.getMaxBackoff())
          + " (expected: >= initialBackoff " + describe(initial, policy.getInitialBackoff()) + ")");
    }
    Set<String> nonRetryable = new HashSet<>();
    for (int i = 0; i < policy.getNonRetryableCount(); i++) {
      String code = policy.getNonRetryable(i);
      if (code.isBlank()) {
        violations.add(path + ".nonRetryable[" + i + "]", "empty (expected: an error code)");
      } else if (!nonRetryable.add(code)) {
        violations.add(path + ".nonRetryable[" + i + "]", "duplicate '" + code + "'");
      }
    }
    Duration maxTotalTime = DurationField.readPositive(policy.getMaxTotalTime(), path + ".maxTotalTime", violations)
        .orElse(Duration.ZERO);
    return violations.count() == before
        ? new Retry(maxAttempts, initial, multiplier, max, jitter, nonRetryable, maxTotalTime)
        : defaults;
  }

  private static String describe(Duration value, String written) {
    return written.isEmpty() ? DurationParser.format(value) + " (default)" : "'" + written + "'";
  }
}
