package dev.baton.cli.notification;

import dev.baton.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code baton notifications}: the orchestrator's admin notifications (webhook channels, delivery log). */
@Command(name = "notifications", aliases = "notification",
    description = "Admin notifications (orchestrator): webhook channels and the delivery log.",
    subcommands = {NotificationChannelsCommand.class, NotificationDeliveriesCommand.class})
public final class NotificationsCommand extends CommandGroup {
}
