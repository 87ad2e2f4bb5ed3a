package dev.baton.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a {@code baton} subcommand has at any depth: its picocli spec, {@code -h}, and the root
 * command with the inherited options (server, API key, output format) and the process context.
 */
public abstract class Subcommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  /** The {@code baton} command this one was run under. */
  protected BatonCommand root() {
    return (BatonCommand) spec.root().userObject();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
