package dev.baton.cli;

import picocli.CommandLine.Command;

/** {@code baton alerts}: alert rules and their history (served by analytics-svc). */
@Command(name = "alerts", description = "Alert rules (analytics-svc) and their firing/resolved history.",
    subcommands = {AlertRulesCommand.class, AlertHistoryCommand.class})
final class AlertsCommand extends CommandGroup {
}
