package dev.baton.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Clock;

/**
 * What the commands take from the process rather than from their arguments, so tests can
 * replace it: the clock (durations of running steps, wait timeouts, local time zone) and stdin
 * ({@code apply -f -}).
 */
public record CliContext(Clock clock, InputStream stdin) {
  public CliContext {
    requireNonNull(clock, "clock");
    requireNonNull(stdin, "stdin");
  }

  /** The real process: system clock in the local time zone, {@code System.in}. */
  public static CliContext system() {
    return new CliContext(Clock.systemDefaultZone(), System.in);
  }
}
