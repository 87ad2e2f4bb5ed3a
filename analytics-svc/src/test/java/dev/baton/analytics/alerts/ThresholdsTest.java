package dev.baton.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.analytics.alerts.Hysteresis.Verdict;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static AlertRule rule(AlertKind kind, String workflow, String server) {
    return RuleValidation.normalized(AlertRule.newBuilder().setName("r").setKind(kind).setWorkflow(workflow)
        .setServerAddress(server).setMinSamples(10).build());
  }

  @Test
  void successRateBreachesBelowTheThresholdAndRecoversOnlyAtThresholdPlusMargin() {
    AlertRule r = rule(AlertKind.ALERT_KIND_SUCCESS_RATE, "wf", ""); // 90 with margin 5
    assertThat(Thresholds.verdict(r, Measurement.of(89.9, 10))).isEqualTo(Verdict.BREACHED);
    assertThat(Thresholds.verdict(r, Measurement.of(90, 10))).isEqualTo(Verdict.BETWEEN);
    assertThat(Thresholds.verdict(r, Measurement.of(94.9, 10))).isEqualTo(Verdict.BETWEEN);
    assertThat(Thresholds.verdict(r, Measurement.of(95, 10))).isEqualTo(Verdict.RECOVERED);
    assertThat(Thresholds.verdict(r, Measurement.of(0, 9))).isEqualTo(Verdict.TOO_FEW_SAMPLES);
  }

  @Test
  void errorRateBreachesAboveTheThresholdAndRecoversOnlyAtThresholdMinusMargin() {
    AlertRule r = rule(AlertKind.ALERT_KIND_ERROR_RATE, "wf", ""); // 10 with margin 5
    assertThat(Thresholds.verdict(r, Measurement.of(10.1, 10))).isEqualTo(Verdict.BREACHED);
    assertThat(Thresholds.verdict(r, Measurement.of(10, 10))).isEqualTo(Verdict.BETWEEN);
    assertThat(Thresholds.verdict(r, Measurement.of(5, 10))).isEqualTo(Verdict.RECOVERED);
  }

  @Test
  void aDependencyWhoseLatestCallsAllFailedBreachesWhateverItsSampleCount() {
    AlertRule r = rule(AlertKind.ALERT_KIND_DEPENDENCY_FAILURE_RATE, "", "api.example.com");
    assertThat(Thresholds.verdict(r, new Measurement(100, 3, true))).isEqualTo(Verdict.BREACHED);
    assertThat(Thresholds.verdict(r, new Measurement(100, 3, false))).isEqualTo(Verdict.TOO_FEW_SAMPLES);
  }
}
