package dev.baton.cli;

import picocli.CommandLine.Option;

/** {@code --analytics-server}: where analytics-svc listens, for the report and alert commands. */
final class AnalyticsServerOption {
  @Option(names = "--analytics-server", paramLabel = "HOST:PORT",
      defaultValue = "${env:BATON_ANALYTICS_TARGET:-localhost:7235}",
      description = "analytics-svc address (env BATON_ANALYTICS_TARGET; now: ${DEFAULT-VALUE}).")
  String target;
}
