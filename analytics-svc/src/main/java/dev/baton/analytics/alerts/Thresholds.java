package dev.baton.analytics.alerts;

import dev.baton.analytics.alerts.Hysteresis.Verdict;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;

/**
 * Judges a measurement against a rule: the success rate breaches below its threshold and recovers
 * at threshold + margin or more; the other kinds breach above it and recover at threshold - margin
 * or less. A dependency whose latest calls all failed breaches whatever its sample count.
 */
final class Thresholds {
  private Thresholds() {}

  static Verdict verdict(AlertRule rule, Measurement m) {
    if (m.failedInARow()) {
      return Verdict.BREACHED;
    }
    if (m.samples() < rule.getMinSamples()) {
      return Verdict.TOO_FEW_SAMPLES;
    }
    double threshold = rule.getThreshold();
    double margin = Math.max(0, rule.getRecoveryMargin());
    if (rule.getKind() == AlertKind.ALERT_KIND_SUCCESS_RATE) {
      return m.value() < threshold ? Verdict.BREACHED
          : m.value() >= threshold + margin ? Verdict.RECOVERED : Verdict.BETWEEN;
    }
    return m.value() > threshold ? Verdict.BREACHED
        : m.value() <= threshold - margin ? Verdict.RECOVERED : Verdict.BETWEEN;
  }
}
