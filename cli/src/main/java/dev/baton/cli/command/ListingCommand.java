package dev.baton.cli.command;

import com.google.protobuf.MessageOrBuilder;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.Table;

/**
 * A command that fetches one list from a service and shows it: a table for people, or the answer
 * as one JSON document with {@code -o json}.
 *
 * @param <R> the service's answer
 */
public abstract class ListingCommand<R extends MessageOrBuilder> extends Subcommand {
  /** Asks the service. */
  protected abstract R fetch();

  /** The answer as a table; times in the root command's clock and zone. */
  protected abstract Table table(R answer, HumanTime time);

  @Override
  public Integer call() {
    R answer = fetch();
    if (root().json()) {
      BatonCommand.printJson(answer, out());
    } else {
      table(answer, root().time()).print(out());
    }
    return 0;
  }
}
