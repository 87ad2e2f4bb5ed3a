package dev.baton.cli.intervention;

import dev.baton.proto.v1.Actor;
import picocli.CommandLine.Option;

/** {@code --actor} and {@code --reason} of the intervention commands: recorded in the execution's event log. */
final class ActorOptions {
  @Option(names = "--actor", paramLabel = "NAME", defaultValue = "${env:USER:-unknown}",
      description = "Who acts (recorded in the event log; env USER; now: ${DEFAULT-VALUE}).")
  String actor;

  @Option(names = "--reason", paramLabel = "TEXT", required = true,
      description = "Why (required; recorded in the event log).")
  String reason;

  Actor proto() {
    return Actor.newBuilder().setName(actor).setReason(reason).build();
  }
}
