package dev.baton.cli.command;

import com.google.protobuf.MessageOrBuilder;
import java.util.Objects;
import picocli.CommandLine.Parameters;

/**
 * {@code ... delete NAME} of something a tenant names (a notification channel, an alert rule): one
 * call, then "{@code <noun> 'NAME' deleted}" (or the empty answer with {@code -o json}). The service
 * answers NOT_FOUND for a name it does not know.
 */
public abstract class DeleteByNameCommand extends Subcommand {
  private final String noun;

  @Parameters(index = "0", paramLabel = "NAME", description = "The name of the one to remove.")
  String name;

  /** @param noun what is deleted, for the message: "notification channel" */
  protected DeleteByNameCommand(String noun) {
    this.noun = Objects.requireNonNull(noun, "noun");
  }

  /** Deletes it; the service's answer. */
  protected abstract MessageOrBuilder delete(String name);

  @Override
  public Integer call() {
    MessageOrBuilder answer = delete(name);
    if (root().json()) {
      BatonCommand.printJson(answer, out());
    } else {
      out().println(noun + " '" + name + "' deleted");
      out().flush();
    }
    return 0;
  }
}
