package dev.baton.cli;

import dev.baton.cli.command.CliContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** What one {@code baton ...} invocation produced. */
record CliResult(int exitCode, String out, String err) {
  /** The key commands call with unless a test says otherwise (a real key's shape; the fakes check nothing). */
  static final String API_KEY = "baton_aaaaaaaaaaaaaaaa_" + "k".repeat(43);
  /** The environment of most tests: BATON_API_KEY set, no other BATON_ variable. */
  static final Map<String, String> WITH_API_KEY = Map.of("BATON_API_KEY", API_KEY);

  static CliResult run(String... args) {
    return runWithStdin("", args);
  }

  static CliResult runWithStdin(String stdin, String... args) {
    return run(BatonCli.commandLine(context(Clock.systemDefaultZone(), stdin)), WITH_API_KEY, args);
  }

  /** With these environment variables (BATON_ ones: only these) instead of {@link #WITH_API_KEY}. */
  static CliResult runWithEnv(Map<String, String> env, String... args) {
    return run(BatonCli.commandLine(context(Clock.systemDefaultZone(), "")), env, args);
  }

  /** With this clock (its zone is the one times are shown in). */
  static CliResult runAt(Clock clock, String... args) {
    return run(BatonCli.commandLine(context(clock, "")), WITH_API_KEY, args);
  }

  static CliResult run(CommandLine commandLine, String... args) {
    return run(commandLine, WITH_API_KEY, args);
  }

  private static CliResult run(CommandLine commandLine, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setDefaultValueProvider(new CliEnvironment(env));
    int exitCode = commandLine.execute(args);
    return new CliResult(exitCode, out.toString(), err.toString());
  }

  private static CliContext context(Clock clock, String stdin) {
    return new CliContext(clock, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }
}
