package dev.baton.cli.notification;

import dev.baton.cli.command.ListingCommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.ListNotificationDeliveriesRequest;
import dev.baton.proto.v1.ListNotificationDeliveriesResponse;
import dev.baton.proto.v1.NotificationDelivery;
import dev.baton.proto.v1.NotificationDeliveryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton notifications deliveries}: the delivery log, newest first. */
@Command(name = "deliveries", description = {"List notification deliveries to channels, newest first:",
    "status, attempts, and the last failure or when it was delivered.",
    "With -o json, the body each one sent too."})
final class NotificationDeliveriesCommand extends ListingCommand<ListNotificationDeliveriesResponse> {
  private static final int ERROR_WIDTH = 60;

  @Option(names = "--channel", paramLabel = "NAME", description = "Only deliveries to this channel.")
  String channel;

  @Option(names = "--limit", paramLabel = "N", description = "At most N deliveries (1-1000; default: the server's, 100).")
  int limit;

  @Override
  protected ListNotificationDeliveriesResponse fetch() {
    ListNotificationDeliveriesRequest.Builder request = ListNotificationDeliveriesRequest.newBuilder().setPageSize(limit);
    if (channel != null) {
      request.setChannel(channel);
    }
    try (OrchestratorConnection connection = root().connect()) {
      return connection.notifications().listNotificationDeliveries(request.build());
    }
  }

  @Override
  protected Table table(ListNotificationDeliveriesResponse answer, HumanTime time) {
    Table table = new Table("ID", "CREATED", "CHANNEL", "KIND", "WORKFLOW", "EXECUTION", "STATUS", "ATTEMPTS", "OUTCOME");
    for (NotificationDelivery d : answer.getDeliveriesList()) {
      table.row(d.getNotificationId(), time.timestamp(d.getCreateTime()), d.getChannel(), orNone(d.getKind()),
          orNone(d.getWorkflowName()), orNone(d.getExecutionId()),
          d.getStatus().name().substring("NOTIFICATION_DELIVERY_STATUS_".length()), d.getAttempts(), outcome(d, time));
    }
    return table;
  }

  private static String outcome(NotificationDelivery d, HumanTime time) {
    if (d.getStatus() == NotificationDeliveryStatus.NOTIFICATION_DELIVERY_STATUS_DELIVERED) {
      return "delivered " + time.timestamp(d.getDeliveredTime());
    }
    String next = d.hasNextAttemptTime() ? "next attempt " + time.timestamp(d.getNextAttemptTime()) : "";
    if (d.getLastError().isEmpty()) {
      return orNone(next);
    }
    // the error says what came back ("answered 503: ...", "ConnectException: ..."); -o json has it whole
    String failure = Table.firstLine(d.getLastError(), ERROR_WIDTH);
    return next.isEmpty() ? failure : next + "; " + failure;
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
