package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton report}: reports built by analytics-svc from the traces of executions. */
@Command(name = "report", description = "Reports over the traces of executions (analytics-svc).",
    subcommands = BottlenecksCommand.class)
final class ReportCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
