package dev.baton.cli.notification;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.ListNotificationChannelsRequest;
import dev.baton.proto.v1.ListNotificationChannelsResponse;
import dev.baton.proto.v1.NotificationChannel;
import picocli.CommandLine.Command;

/** {@code baton notifications channels}: the tenant's webhook channels; subcommands set and remove one. */
@Command(name = "channels", aliases = "channel",
    description = {"List the webhook channels notifications are POSTed to (secrets are never shown).",
        "Set one with put, remove one with delete."},
    subcommands = {NotificationChannelPutCommand.class, NotificationChannelDeleteCommand.class})
final class NotificationChannelsCommand extends ListingCommand<ListNotificationChannelsResponse> {
  /** What an empty workflow or kinds list means, as a table cell. */
  private static final String EVERY = "(every)";

  @Override
  protected ListNotificationChannelsResponse fetch() {
    try (OrchestratorConnection connection = root().connect()) {
      return connection.notifications().listNotificationChannels(ListNotificationChannelsRequest.getDefaultInstance());
    }
  }

  @Override
  protected Table table(ListNotificationChannelsResponse answer, HumanTime time) {
    Table table = new Table("NAME", "URL", "WORKFLOW", "KINDS", "UPDATED");
    for (NotificationChannel c : answer.getChannelsList()) {
      table.row(c.getName(), c.getUrl(), workflow(c), kinds(c), time.timestamp(c.getUpdateTime()));
    }
    return table;
  }

  static String workflow(NotificationChannel c) {
    return c.getWorkflowName().isEmpty() ? EVERY : c.getWorkflowName();
  }

  static String kinds(NotificationChannel c) {
    return c.getKindsCount() == 0 ? EVERY : String.join(",", c.getKindsList());
  }
}
