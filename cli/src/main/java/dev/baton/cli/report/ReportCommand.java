package dev.baton.cli.report;

import dev.baton.cli.command.CommandGroup;
import picocli.CommandLine.Command;

/** {@code baton report}: reports built by analytics-svc from the traces of executions. */
@Command(name = "report", description = "Reports over the traces of executions (analytics-svc).",
    subcommands = BottlenecksCommand.class)
public final class ReportCommand extends CommandGroup {
}
