package dev.baton.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code baton} command.
 *
 * <p>Other modules extend the command through {@link #commandLine()}; the all-in-one launcher does
 * {@code BatonCli.commandLine().addSubcommand("dev", new DevCommand())}.
 */
public final class BatonCli {
  private BatonCli() {}

  /** Logging setup of the standalone command; a process embedding the CLI keeps its own. */
  static final String LOGBACK_CONFIG = "baton-cli-logback.xml";

  public static void main(String[] args) {
    // before any logger exists: without it logback's default config prints netty DEBUG lines on stdout
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    System.exit(commandLine().execute(args));
  }

  /** The {@code baton} command for this process (system clock, stdin), ready to {@code execute(args)}. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.system());
  }

  /** The {@code baton} command with another clock or stdin (tests). */
  public static CommandLine commandLine(CliContext context) {
    BatonCommand root = new BatonCommand(context);
    CommandLine commandLine = new CommandLine(root);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorReporter(root::server, System.getenv("BATON_DEBUG") != null));
    commandLine.setParameterExceptionHandler(new UsageErrorReporter());
    return commandLine;
  }
}
