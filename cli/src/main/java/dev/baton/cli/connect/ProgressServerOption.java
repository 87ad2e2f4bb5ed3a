package dev.baton.cli.connect;

import picocli.CommandLine.Option;

/** {@code --progress-server}: where progress-svc listens, for the commands that show live progress. */
public final class ProgressServerOption {
  @Option(names = "--progress-server", paramLabel = "HOST:PORT",
      defaultValue = "${env:BATON_PROGRESS_TARGET:-localhost:7234}",
      description = "progress-svc address (env BATON_PROGRESS_TARGET; now: ${DEFAULT-VALUE}).")
  String target;

  public String target() {
    return target;
  }
}
