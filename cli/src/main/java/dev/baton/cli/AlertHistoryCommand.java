package dev.baton.cli;

import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.ListAlertHistoryRequest;
import dev.baton.proto.v1.ListAlertHistoryResponse;
import dev.baton.sdk.client.BatonClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton alerts history}: firings and resolvings, newest first. */
@Command(name = "history", description = "List alert events (FIRING, RESOLVED), newest first.")
final class AlertHistoryCommand implements Callable<Integer> {
  @ParentCommand
  AlertsCommand alerts;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  AnalyticsServerOption analytics;

  @Option(names = "--rule", paramLabel = "NAME", description = "Only this rule's events.")
  String rule;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (1-1000; default: the server's, 100).")
  int limit;

  @Override
  public Integer call() {
    BatonCommand root = alerts.root;
    ListAlertHistoryRequest.Builder request = ListAlertHistoryRequest.newBuilder().setPageSize(limit);
    if (rule != null) {
      request.setRule(rule);
    }
    ListAlertHistoryResponse response;
    try (BatonClient client = BatonClient.connect(analytics.target, root.tenant())) {
      response = client.alerts().listAlertHistory(request.build());
    }
    if (root.json()) {
      BatonCommand.printJson(response, spec.commandLine().getOut());
      return 0;
    }
    HumanTime time = root.time();
    Table table = new Table("ID", "TIME", "RULE", "EVENT", "VALUE", "THRESHOLD", "SAMPLES");
    for (AlertEvent e : response.getEventsList()) {
      table.row(e.getId(), time.timestamp(e.getTime()), e.getRule(),
          e.getType().name().substring("ALERT_EVENT_TYPE_".length()), AlertRulesCommand.percent(e.getValue()),
          AlertRulesCommand.percent(e.getThreshold()), e.getSamples());
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
