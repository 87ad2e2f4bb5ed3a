package dev.baton.cli;

import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.ListAlertRulesRequest;
import dev.baton.proto.v1.ListAlertRulesResponse;
import dev.baton.sdk.client.BatonClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton alerts rules}: the tenant's alert rules with their state. */
@Command(name = "rules", description = "List the alert rules with their state and last value.")
final class AlertRulesCommand implements Callable<Integer> {
  @ParentCommand
  AlertsCommand alerts;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  AnalyticsServerOption analytics;

  @Override
  public Integer call() {
    BatonCommand root = alerts.root;
    ListAlertRulesResponse response;
    try (BatonClient client = BatonClient.connect(analytics.target, root.tenant())) {
      response = client.alerts().listAlertRules(ListAlertRulesRequest.getDefaultInstance());
    }
    if (root.json()) {
      BatonCommand.printJson(response, spec.commandLine().getOut());
      return 0;
    }
    Table table = new Table("NAME", "KIND", "OF", "THRESHOLD", "WINDOW", "STATE", "LAST VALUE", "SAMPLES");
    for (AlertRule r : response.getRulesList()) {
      table.row(r.getName(), r.getKind().name().substring("ALERT_KIND_".length()),
          r.getServerAddress().isEmpty() ? r.getWorkflow() : r.getServerAddress()
              + (r.getWorkflow().isEmpty() ? "" : " (" + r.getWorkflow() + ")"),
          percent(r.getThreshold()), r.getWindow().getSeconds() + "s",
          r.getState().name().substring("ALERT_STATE_".length()),
          r.getEvaluations() == 0 ? "-" : percent(r.getLastValue()), r.getLastSamples());
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }

  static String percent(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", value);
  }
}
