package dev.baton.cli.alert;

import dev.baton.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code baton alerts}: alert rules and their history (served by analytics-svc). */
@Command(name = "alerts", description = "Alert rules (analytics-svc) and their firing/resolved history.",
    subcommands = {AlertRulesCommand.class, AlertHistoryCommand.class})
public final class AlertsCommand extends CommandGroup {
}
