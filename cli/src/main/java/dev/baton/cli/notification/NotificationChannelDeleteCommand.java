package dev.baton.cli.notification;

import com.google.protobuf.MessageOrBuilder;
import dev.baton.cli.command.DeleteByNameCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.DeleteNotificationChannelRequest;
import picocli.CommandLine.Command;

/** {@code baton notifications channels delete NAME}: removes a channel and its deliveries not yet done. */
@Command(name = "delete", description = {"Remove a webhook channel.",
    "Its pending deliveries are dropped; the log of done ones stays."})
final class NotificationChannelDeleteCommand extends DeleteByNameCommand {
  NotificationChannelDeleteCommand() {
    super("notification channel");
  }

  @Override
  protected MessageOrBuilder delete(String name) {
    try (OrchestratorConnection connection = root().connect()) {
      return connection.notifications().deleteNotificationChannel(
          DeleteNotificationChannelRequest.newBuilder().setName(name).build());
    }
  }
}
