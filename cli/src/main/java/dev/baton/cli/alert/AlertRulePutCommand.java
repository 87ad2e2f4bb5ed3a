package dev.baton.cli.alert;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.FileCalls;
import dev.baton.cli.command.Subcommand;
import dev.baton.cli.connect.AnalyticsServerOption;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.PutAlertRuleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton alerts rules put -f FILE}: creates or replaces the rule each file holds. */
@Command(name = "put", description = {"Create or replace alert rules from files (YAML or JSON, one rule each).",
    "Fields as in baton.v1.AlertRule: name, kind (SUCCESS_RATE, ERROR_RATE ...),",
    "workflow, threshold, window (5m), minSamples, webhookUrl, webhookSecret ...",
    "A replaced rule keeps its state."})
final class AlertRulePutCommand extends Subcommand {
  @Mixin
  AnalyticsServerOption analytics;

  @Mixin
  FileCalls rules;

  @Override
  public Integer call() {
    BatonCommand root = root();
    rules.run(root, out(),
        text -> {
          AlertRule rule = AlertRuleFile.parse(text);
          return analytics.alerts(root.credentials(),
              alerts -> alerts.putAlertRule(PutAlertRuleRequest.newBuilder().setRule(rule).build()));
        },
        put -> "alert rule '" + put.getName() + "' put: " + AlertRulesCommand.kind(put) + " of "
            + AlertRulesCommand.subject(put) + ", threshold " + AlertRulesCommand.percent(put.getThreshold())
            + ", window " + put.getWindow().getSeconds() + "s"
            + (put.getWebhookUrl().isEmpty() ? "" : ", webhook " + put.getWebhookUrl()));
    return 0;
  }
}
