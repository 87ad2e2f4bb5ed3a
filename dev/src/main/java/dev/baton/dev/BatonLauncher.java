package dev.baton.dev;

import dev.baton.cli.BatonCli;

/** The {@code bin/baton} entry point: the CLI plus the {@code dev} command that runs the platform. */
public final class BatonLauncher {
  private BatonLauncher() {}

  public static void main(String[] args) {
    int exit = BatonCli.commandLine().addSubcommand("dev", new DevCommand()).execute(args);
    if (args.length == 0 || !"dev".equals(args[0]) || exit != 0) {
      System.exit(exit);
    }
  }
}
