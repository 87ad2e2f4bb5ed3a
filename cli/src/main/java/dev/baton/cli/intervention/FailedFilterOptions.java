package dev.baton.cli.intervention;

import com.google.protobuf.Timestamp;
import dev.baton.cli.command.DurationConverter;
import dev.baton.proto.v1.FailedExecutionFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which failed executions {@code dead-letters} and {@code retry-failed} are about. */
final class FailedFilterOptions {
  @Option(names = "--workflow", paramLabel = "NAME", description = "Only executions of this workflow.")
  String workflow;

  @Option(names = "--code", paramLabel = "CODE", description = "Only executions whose last error has this code, "
      + "e.g. HTTP_503.")
  String code;

  @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Only executions that failed in the last DURATION (e.g. 30m, 1h).")
  Duration since;

  @Option(names = "--from", paramLabel = "TIME", description = "Only executions that failed at or after TIME "
      + "(2026-01-31T14:00:00Z, or without a zone in local time).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only executions that failed before TIME.")
  String to;

  FailedExecutionFilter proto(CommandSpec spec, Clock clock) {
    if (since != null && (from != null || to != null)) {
      throw new ParameterException(spec.commandLine(), "--since: not together with --from/--to (expected: one of them)");
    }
    FailedExecutionFilter.Builder filter = FailedExecutionFilter.newBuilder();
    if (workflow != null) {
      filter.setWorkflowName(workflow);
    }
    if (code != null) {
      filter.setErrorCode(code);
    }
    if (since != null) {
      filter.setFailedAfter(timestamp(clock.instant().minus(since)));
    }
    if (from != null) {
      filter.setFailedAfter(timestamp(instant(spec, "--from", from, clock)));
    }
    if (to != null) {
      filter.setFailedBefore(timestamp(instant(spec, "--to", to, clock)));
    }
    return filter.build();
  }

  private static Instant instant(CommandSpec spec, String option, String text, Clock clock) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutZone) {
      try {
        return LocalDateTime.parse(text).atZone(clock.getZone()).toInstant();
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), option + ": '" + text
            + "' (expected: a time like 2026-01-31T14:00:00Z or 2026-01-31T15:00:00)");
      }
    }
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
