package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton alerts}: alert rules and their history (served by analytics-svc). */
@Command(name = "alerts", description = "Alert rules (analytics-svc) and their firing/resolved history.",
    subcommands = {AlertRulesCommand.class, AlertHistoryCommand.class})
final class AlertsCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  /** Bare {@code baton alerts}: its subcommands. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
