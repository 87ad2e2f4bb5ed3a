package dev.baton.cli;

import dev.baton.cli.alert.AlertsCommand;
import dev.baton.cli.circuit.CircuitsCommand;
import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.CliContext;
import dev.baton.cli.execution.CancelCommand;
import dev.baton.cli.execution.GetCommand;
import dev.baton.cli.execution.ListCommand;
import dev.baton.cli.execution.RunCommand;
import dev.baton.cli.intervention.DeadLettersCommand;
import dev.baton.cli.intervention.FailCommand;
import dev.baton.cli.intervention.InterventionsCommand;
import dev.baton.cli.intervention.PauseCommand;
import dev.baton.cli.intervention.ResumeCommand;
import dev.baton.cli.intervention.RetryCommand;
import dev.baton.cli.intervention.RetryFailedCommand;
import dev.baton.cli.intervention.SkipCommand;
import dev.baton.cli.intervention.UnpauseCommand;
import dev.baton.cli.notification.NotificationsCommand;
import dev.baton.cli.key.AuditCommand;
import dev.baton.cli.key.KeysCommand;
import dev.baton.cli.report.ReportCommand;
import dev.baton.cli.watch.WatchCommand;
import dev.baton.cli.workflow.ApplyCommand;
import dev.baton.cli.workflow.WorkflowsCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

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

  /** The subcommands of {@code baton}, in the order its usage lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      ApplyCommand.class,
      RunCommand.class,
      ListCommand.class,
      GetCommand.class,
      CancelCommand.class,
      WatchCommand.class,
      InterventionsCommand.class,
      DeadLettersCommand.class,
      RetryFailedCommand.class,
      ResumeCommand.class,
      RetryCommand.class,
      SkipCommand.class,
      FailCommand.class,
      PauseCommand.class,
      UnpauseCommand.class,
      WorkflowsCommand.class,
      CircuitsCommand.class,
      NotificationsCommand.class,
      AlertsCommand.class,
      ReportCommand.class,
      KeysCommand.class,
      AuditCommand.class,
      HelpCommand.class);

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
    // first: the settings below reach only the subcommands present when they are made
    SUBCOMMANDS.forEach(commandLine::addSubcommand);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorReporter(root::server, System.getenv("BATON_DEBUG") != null));
    commandLine.setParameterExceptionHandler(new UsageErrorReporter());
    return commandLine;
  }
}
