package dev.baton.cli.command;

/**
 * A command that only groups subcommands ({@code baton alerts}, {@code baton report},
 * {@code baton notifications}): run bare, it prints their overview.
 */
public abstract class CommandGroup extends Subcommand {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }
}
