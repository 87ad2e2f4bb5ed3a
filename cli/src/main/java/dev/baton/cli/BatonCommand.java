package dev.baton.cli;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.MessageOrBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code baton}: the root command. Holds the options every subcommand inherits and opens their connection. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = "Apply workflow definitions and run, inspect, watch, cancel and intervene in their executions.",
    subcommands = {
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
        HelpCommand.class
    })
final class BatonCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      defaultValue = "${env:BATON_SERVER:-localhost:7233}",
      description = "Orchestrator address (env BATON_SERVER; now: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--tenant", scope = ScopeType.INHERIT, paramLabel = "TENANT",
      defaultValue = "${env:BATON_TENANT:-default}",
      description = "Tenant the commands act for (env BATON_TENANT; now: ${DEFAULT-VALUE}).")
  String tenant;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (for people) or json (one document, for scripts). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  BatonCommand(CliContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** Bare {@code baton}: the overview of commands. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  OrchestratorConnection connect() {
    return OrchestratorConnection.open(server, tenant);
  }

  String server() {
    return server;
  }

  String tenant() {
    return tenant;
  }

  boolean json() {
    return output == OutputFormat.JSON;
  }

  CliContext context() {
    return context;
  }

  HumanTime time() {
    return new HumanTime(context.clock());
  }

  /** Prints a message as the command's single JSON document. */
  static void printJson(MessageOrBuilder message, PrintWriter out) {
    out.println(ProtoText.json(message));
    out.flush();
  }
}
