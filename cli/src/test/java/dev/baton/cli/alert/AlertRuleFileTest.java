package dev.baton.cli.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import dev.baton.cli.failure.CliException;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import org.junit.jupiter.api.Test;

class AlertRuleFileTest {

  @Test
  void yamlWithAShortKindAndAHumanWindowBecomesTheRule() {
    AlertRule rule = AlertRuleFile.parse("""
        name: checkout-success
        kind: SUCCESS_RATE
        workflow: checkout
        threshold: 92.5
        window: 5m
        minSamples: 10
        for_evaluations: 2
        webhookUrl: https://hooks.example.com/alerts
        webhookSecret: 0123456789abcdef0123456789abcdef
        """);

    assertThat(rule).isEqualTo(AlertRule.newBuilder().setName("checkout-success")
        .setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow("checkout").setThreshold(92.5)
        .setWindow(Duration.newBuilder().setSeconds(300)).setMinSamples(10).setForEvaluations(2)
        .setWebhookUrl("https://hooks.example.com/alerts").setWebhookSecret("0123456789abcdef0123456789abcdef")
        .build());
  }

  @Test
  void protoJsonAsPrintedIsReadToo() {
    AlertRule rule = AlertRuleFile.parse("""
        {"name": "api-down", "kind": "ALERT_KIND_DEPENDENCY_FAILURE_RATE", "serverAddress": "api.example.com",
         "window": "1.5s", "consecutiveFailures": 3}
        """);

    assertThat(rule.getKind()).isEqualTo(AlertKind.ALERT_KIND_DEPENDENCY_FAILURE_RATE);
    assertThat(rule.getServerAddress()).isEqualTo("api.example.com");
    assertThat(rule.getWindow()).isEqualTo(Duration.newBuilder().setSeconds(1).setNanos(500_000_000).build());
    assertThat(rule.getConsecutiveFailures()).isEqualTo(3);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertThatThrownBy(() -> AlertRuleFile.parse("name: x\nthresold: 90\n"))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("rule.thresold: unknown field (expected: one of name, kind, workflow, serverAddress, "
            + "threshold, window,");
    assertThatThrownBy(() -> AlertRuleFile.parse("name: x\nkind: SUCCESS\n"))
        .hasMessage("rule.kind: 'SUCCESS' (expected: SUCCESS_RATE, DURATION_ABOVE_BASELINE, ERROR_RATE, "
            + "DEPENDENCY_FAILURE_RATE)");
    assertThatThrownBy(() -> AlertRuleFile.parse("name: x\nthreshold: high\n"))
        .hasMessageStartingWith("rule.threshold: 'high': ");
    assertThatThrownBy(() -> AlertRuleFile.parse("name: x\nwindow: 5 minutes\n"))
        .hasMessage("rule.window: '5 minutes' (expected: a duration like 500ms, 30s, 10m, 1h, 90d)");
    assertThatThrownBy(() -> AlertRuleFile.parse("{\"window\": {\"seconds\": 3}}"))
        .hasMessage("rule.window: {\"seconds\":3} (expected: a duration like 500ms, 30s, 10m, 1h)");
    assertThatThrownBy(() -> AlertRuleFile.parse("name: x\nminSamples: [1, 2]\n"))
        .hasMessageStartingWith("rule.min_samples: ");
  }

  @Test
  void aFileThatIsNotOneRuleSaysWhatItIs() {
    assertThatThrownBy(() -> AlertRuleFile.parse("- name: a\n- name: b\n"))
        .hasMessageStartingWith("expected one alert rule").hasMessageEndingWith("got array");
    assertThatThrownBy(() -> AlertRuleFile.parse("")).hasMessageEndingWith("got nothing");
    assertThatThrownBy(() -> AlertRuleFile.parse("name: [unclosed\n")).hasMessageStartingWith("not YAML or JSON: ");
  }
}
