package dev.baton.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import dev.baton.analytics.error.AnalyticsException;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import org.junit.jupiter.api.Test;

class RuleValidationTest {
  private static final AlertRule.Builder SUCCESS = AlertRule.newBuilder().setName("checkout-success")
      .setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow("checkout");

  @Test
  void fillsTheDocumentedDefaults() {
    AlertRule r = RuleValidation.normalized(SUCCESS.build());
    assertThat(r.getThreshold()).isEqualTo(90);
    assertThat(r.getWindow().getSeconds()).isEqualTo(300);
    assertThat(r.getMinSamples()).isEqualTo(20);
    assertThat(r.getForEvaluations()).isEqualTo(3);
    assertThat(r.getRecoverEvaluations()).isEqualTo(3);
    assertThat(r.getRecoveryMargin()).isEqualTo(5);
    assertThat(r.getBaselineWindows()).isEqualTo(12);
    assertThat(RuleValidation.normalized(SUCCESS.clone().setKind(AlertKind.ALERT_KIND_ERROR_RATE).build())
        .getThreshold()).isEqualTo(10);
    assertThat(RuleValidation.normalized(SUCCESS.clone().setKind(AlertKind.ALERT_KIND_DURATION_ABOVE_BASELINE)
        .build()).getThreshold()).isEqualTo(50);
    assertThat(RuleValidation.normalized(SUCCESS.clone().setRecoveryMargin(-1).build()).getRecoveryMargin()).isZero();
  }

  @Test
  void badFieldsAreRefusedNamingTheField() {
    assertInvalid(SUCCESS.clone().setName("Bad Name"), "rule.name: 'Bad Name'");
    assertInvalid(SUCCESS.clone().clearKind(), "rule.kind: 0");
    assertInvalid(SUCCESS.clone().clearWorkflow(), "rule.workflow: empty");
    assertInvalid(SUCCESS.clone().setThreshold(140), "rule.threshold: 140 (expected: 0..100");
    assertInvalid(SUCCESS.clone().setThreshold(Double.NaN), "rule.threshold: NaN");
    assertInvalid(SUCCESS.clone().setWindow(Duration.newBuilder().setNanos(500_000_000)), "rule.window: 0s 500000000ns");
    assertInvalid(SUCCESS.clone().setMinSamples(-1), "rule.min_samples: -1");
    assertInvalid(SUCCESS.clone().setForEvaluations(1001), "rule.for_evaluations: 1001");
    assertInvalid(SUCCESS.clone().setConsecutiveFailures(3), "rule.consecutive_failures: 3");
    assertInvalid(SUCCESS.clone().setServerAddress("api.example.com"), "rule.server_address: 'api.example.com'");
    assertInvalid(SUCCESS.clone().setWebhookUrl("ftp://x/y").setWebhookSecret("s".repeat(32)), "rule.webhook_url");
    assertInvalid(SUCCESS.clone().setWebhookUrl("http://127.0.0.1:9/hook").setWebhookSecret("short"),
        "rule.webhook_secret: 5 characters (expected: at least 32)");
    assertInvalid(AlertRule.newBuilder().setName("api").setKind(AlertKind.ALERT_KIND_DEPENDENCY_FAILURE_RATE),
        "rule.server_address: empty");
  }

  private static void assertInvalid(AlertRule.Builder rule, String message) {
    assertThatThrownBy(() -> RuleValidation.normalized(rule.build()))
        .isInstanceOfSatisfying(AnalyticsException.class, e -> {
          assertThat(e.kind()).isEqualTo(AnalyticsException.Kind.INVALID_REQUEST);
          assertThat(e.getMessage()).startsWith(message);
        });
  }
}
