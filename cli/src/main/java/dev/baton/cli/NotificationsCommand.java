package dev.baton.cli;

import picocli.CommandLine.Command;

/** {@code baton notifications}: the orchestrator's admin notifications (webhook channels, delivery log). */
@Command(name = "notifications", aliases = "notification",
    description = "Admin notifications (orchestrator): webhook channels and the delivery log.",
    subcommands = {NotificationChannelsCommand.class, NotificationDeliveriesCommand.class})
final class NotificationsCommand extends CommandGroup {
}
