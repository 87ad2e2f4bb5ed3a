package dev.baton.cli.alert;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.AnalyticsServerOption;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.AlertEvent;
import dev.baton.proto.v1.ListAlertHistoryRequest;
import dev.baton.proto.v1.ListAlertHistoryResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton alerts history}: firings and resolvings, newest first. */
@Command(name = "history", description = "List alert events (FIRING, RESOLVED), newest first.")
final class AlertHistoryCommand extends ListingCommand<ListAlertHistoryResponse> {
  @Mixin
  AnalyticsServerOption analytics;

  @Option(names = "--rule", paramLabel = "NAME", description = "Only this rule's events.")
  String rule;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (1-1000; default: the server's, 100).")
  int limit;

  @Override
  protected ListAlertHistoryResponse fetch() {
    ListAlertHistoryRequest.Builder request = ListAlertHistoryRequest.newBuilder().setPageSize(limit);
    if (rule != null) {
      request.setRule(rule);
    }
    return analytics.alerts(root().credentials(), alerts -> alerts.listAlertHistory(request.build()));
  }

  @Override
  protected Table table(ListAlertHistoryResponse response, HumanTime time) {
    Table table = new Table("ID", "TIME", "RULE", "EVENT", "VALUE", "THRESHOLD", "SAMPLES");
    for (AlertEvent e : response.getEventsList()) {
      table.row(e.getId(), time.timestamp(e.getTime()), e.getRule(),
          e.getType().name().substring("ALERT_EVENT_TYPE_".length()), AlertRulesCommand.percent(e.getValue()),
          AlertRulesCommand.percent(e.getThreshold()), e.getSamples());
    }
    return table;
  }
}
