package dev.baton.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for subcommands. Subcommands do not use {@code mixinStandardHelpOptions}
 * because its {@code --version} would clash with {@code run --version N}.
 */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;
}
