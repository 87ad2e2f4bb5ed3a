package dev.baton.cli;

/**
 * A command that only groups subcommands ({@code baton alerts}, {@code baton report},
 * {@code baton notifications}): run bare, it prints their overview.
 */
abstract class CommandGroup extends Subcommand {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }
}
