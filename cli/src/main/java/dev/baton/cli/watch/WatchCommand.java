package dev.baton.cli.watch;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.ProgressServerOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton watch ID}: an execution's live progress from progress-svc, until it ends. */
@Command(name = "watch", description = {
    "Show an execution's live progress until it ends: on a terminal a progress bar with the running",
    "steps and ETA, errors above it as they happen; otherwise one line per change (-o json: one",
    "JSON update per line). Reconnects and resumes where it left off if the stream breaks.",
    OutcomeExitCode.HELP})
public final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Mixin
  ProgressServerOption progressServer;

  @Parameters(index = "0", paramLabel = "ID", description = "Execution id.")
  String id;

  @Override
  public Integer call() throws InterruptedException {
    return new WatchSession(root, spec.commandLine().getOut(), ReconnectPolicy.DEFAULT)
        .follow(progressServer.target(), id, 0);
  }
}
