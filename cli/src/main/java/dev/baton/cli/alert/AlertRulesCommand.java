package dev.baton.cli.alert;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.AnalyticsServerOption;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.ListAlertRulesResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton alerts rules}: the tenant's alert rules with their state; subcommands set and remove one. */
@Command(name = "rules", description = {"List the alert rules with their state and last value.",
    "Set rules with put -f FILE, remove one with delete."},
    subcommands = {AlertRulePutCommand.class, AlertRuleDeleteCommand.class})
final class AlertRulesCommand extends ListingCommand<ListAlertRulesResponse> {
  @Mixin
  AnalyticsServerOption analytics;

  @Override
  protected ListAlertRulesResponse fetch() {
    return analytics.alerts(root().credentials(), alerts -> alerts.listAlertRules(ListAlertRulesRequest.getDefaultInstance()));
  }

  @Override
  protected Table table(ListAlertRulesResponse response, HumanTime time) {
    Table table = new Table("NAME", "KIND", "OF", "THRESHOLD", "WINDOW", "STATE", "LAST VALUE", "SAMPLES");
    for (AlertRule r : response.getRulesList()) {
      table.row(r.getName(), kind(r), subject(r), percent(r.getThreshold()), r.getWindow().getSeconds() + "s",
          r.getState().name().substring("ALERT_STATE_".length()),
          r.getEvaluations() == 0 ? "-" : percent(r.getLastValue()), r.getLastSamples());
    }
    return table;
  }

  /** The kind without its prefix: SUCCESS_RATE. */
  static String kind(AlertRule r) {
    return r.getKind().name().substring("ALERT_KIND_".length());
  }

  /** What the rule measures: the workflow, or the external API (of a workflow). */
  static String subject(AlertRule r) {
    return r.getServerAddress().isEmpty() ? r.getWorkflow()
        : r.getServerAddress() + (r.getWorkflow().isEmpty() ? "" : " (" + r.getWorkflow() + ")");
  }

  static String percent(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", value);
  }
}
