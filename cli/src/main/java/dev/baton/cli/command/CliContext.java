package dev.baton.cli.command;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Clock;

/**
 * What the commands take from the process rather than from their arguments, so tests can
 * replace it: the clock (durations of running steps, wait timeouts, local time zone), stdin
 * ({@code apply -f -}) and whether stdout is a terminal that understands ANSI redraws
 * ({@code watch} draws a live progress bar there and prints plain lines elsewhere).
 */
public record CliContext(Clock clock, InputStream stdin, boolean ansiTerminal) {
  public CliContext {
    requireNonNull(clock, "clock");
    requireNonNull(stdin, "stdin");
  }

  /** A process whose stdout is not a terminal (pipes, files, tests). */
  public CliContext(Clock clock, InputStream stdin) {
    this(clock, stdin, false);
  }

  /** The real process: system clock in the local time zone, {@code System.in}, the terminal if there is one. */
  public static CliContext system() {
    return new CliContext(Clock.systemDefaultZone(), System.in, stdoutIsAnsiTerminal());
  }

  /**
   * {@code System.console()} is null when stdin or stdout is redirected; a terminal without TERM
   * or with TERM=dumb (Emacs shells, some CI consoles) does not honour cursor movement.
   */
  private static boolean stdoutIsAnsiTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
  }
}
