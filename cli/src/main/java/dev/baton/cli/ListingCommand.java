package dev.baton.cli;

import com.google.protobuf.MessageOrBuilder;

/**
 * A command that fetches one list from a service and shows it: a table for people, or the answer
 * as one JSON document with {@code -o json}.
 *
 * @param <R> the service's answer
 */
abstract class ListingCommand<R extends MessageOrBuilder> extends Subcommand {
  /** Asks the service. */
  abstract R fetch();

  /** The answer as a table; times in the root command's clock and zone. */
  abstract Table table(R answer, HumanTime time);

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
