package dev.baton.cli.alert;

import com.google.protobuf.MessageOrBuilder;
import dev.baton.cli.command.DeleteByNameCommand;
import dev.baton.cli.connect.AnalyticsServerOption;
import dev.baton.proto.v1.DeleteAlertRuleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baton alerts rules delete NAME}: removes a rule (its history stays). */
@Command(name = "delete", description = "Remove an alert rule; its history stays.")
final class AlertRuleDeleteCommand extends DeleteByNameCommand {
  @Mixin
  AnalyticsServerOption analytics;

  AlertRuleDeleteCommand() {
    super("alert rule");
  }

  @Override
  protected MessageOrBuilder delete(String name) {
    return analytics.alerts(root().credentials(), alerts -> alerts.deleteAlertRule(DeleteAlertRuleRequest.newBuilder()
        .setName(name).build()));
  }
}
