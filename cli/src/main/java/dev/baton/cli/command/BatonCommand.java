package dev.baton.cli.command;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.MessageOrBuilder;
import dev.baton.cli.connect.ApiKeyOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.ProtoText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code baton}: the root command. Holds the options every subcommand inherits and opens their connection.
 * Its subcommands are added by {@code BatonCli}, which sits above every command package: listing them
 * here would make this package, which they all build on, depend on each of theirs.
 */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = "Apply workflow definitions and run, inspect, watch, cancel and intervene in their executions.")
public final class BatonCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      defaultValue = "${env:BATON_SERVER:-localhost:7233}",
      description = "Orchestrator address (env BATON_SERVER; now: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
      defaultValue = "${env:BATON_API_KEY}",
      description = "API key to call with; its tenant and role decide what commands see and may do "
          + "(env BATON_API_KEY; default: the credentials file).")
  String apiKey;

  @Option(names = "--credentials", scope = ScopeType.INHERIT, paramLabel = "FILE",
      defaultValue = "${env:BATON_CREDENTIALS:-.baton/credentials}",
      description = "Where to find a key when none is given: the file `baton dev` writes "
          + "(env BATON_CREDENTIALS; now: ${DEFAULT-VALUE}).")
  java.nio.file.Path credentialsFile;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
      description = "table (for people) or json (one document, for scripts). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  public BatonCommand(CliContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** Bare {@code baton}: the overview of commands. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  public OrchestratorConnection connect() {
    return OrchestratorConnection.open(server, credentials());
  }

  public String server() {
    return server;
  }

  /** The key tenant commands call with. */
  public dev.baton.sdk.client.BatonCredentials credentials() {
    return apiKeys().tenantKey();
  }

  public ApiKeyOption apiKeys() {
    return new ApiKeyOption(apiKey, credentialsFile);
  }

  public boolean json() {
    return output == OutputFormat.JSON;
  }

  public CliContext context() {
    return context;
  }

  public HumanTime time() {
    return new HumanTime(context.clock());
  }

  /** Prints a message as the command's single JSON document. */
  public static void printJson(MessageOrBuilder message, PrintWriter out) {
    out.println(ProtoText.json(message));
    out.flush();
  }
}
