package dev.baton.cli.notification;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.FileArgument;
import dev.baton.cli.command.Subcommand;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.failure.CliException;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.SetNotificationChannelRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton notifications channels put NAME --url URL --secret-file FILE}: creates or replaces a
 * channel. The secret is read from a file (or stdin), never from the command line, where shell
 * history and process listings would keep it; it is shown back only as a hint ({@link SecretHint}).
 */
@Command(name = "put", description = {"Create or replace a webhook channel.",
    "Notifications are POSTed to URL, signed with the secret (X-Baton-Signature); see the README."})
final class NotificationChannelPutCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Channel name: lower-case letters, digits and '-'.")
  String name;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Where to POST: an absolute http(s) URL.")
  String url;

  @Option(names = "--secret-file", required = true, paramLabel = "FILE",
      description = "File holding the signing secret (at least 32 characters; white space around it is dropped), "
          + "'-' for stdin.")
  String secretFile;

  @Option(names = "--workflow", paramLabel = "NAME",
      description = "Only notifications of this workflow (default: every workflow, and CIRCUIT_OPENED).")
  String workflow;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "Only this kind, e.g. EXECUTION_FAILED, STEP_RETRIES_EXHAUSTED, CIRCUIT_OPENED, "
          + "STEP_WAITING_FOR_INTERVENTION. Repeat for several (default: every kind).")
  List<String> kinds;

  @Override
  public Integer call() {
    BatonCommand root = root();
    String secret = FileArgument.read(secretFile, root.context().stdin()).strip();
    if (secret.isEmpty()) {
      throw new CliException("--secret-file: " + (FileArgument.STDIN.equals(secretFile) ? "stdin" : secretFile)
          + " is empty (expected: the channel's signing secret, at least 32 characters)");
    }
    NotificationChannel.Builder channel = NotificationChannel.newBuilder().setName(name).setUrl(url).setSecret(secret);
    if (workflow != null) {
      channel.setWorkflowName(workflow);
    }
    if (kinds != null) {
      channel.addAllKinds(kinds);
    }
    NotificationChannel set;
    try (OrchestratorConnection connection = root.connect()) {
      set = connection.notifications().setNotificationChannel(
          SetNotificationChannelRequest.newBuilder().setChannel(channel).build());
    }
    if (root.json()) {
      BatonCommand.printJson(set, out());
      return 0;
    }
    out().println("notification channel '" + set.getName() + "' set: " + set.getUrl() + ", workflow "
        + NotificationChannelsCommand.workflow(set) + ", kinds " + NotificationChannelsCommand.kinds(set)
        + ", secret of " + SecretHint.of(secret));
    out().flush();
    return 0;
  }
}
