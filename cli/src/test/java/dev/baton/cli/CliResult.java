package dev.baton.cli;

import dev.baton.cli.command.CliContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/** What one {@code baton ...} invocation produced. */
record CliResult(int exitCode, String out, String err) {

  static CliResult run(String... args) {
    return runWithStdin("", args);
  }

  static CliResult runWithStdin(String stdin, String... args) {
    CliContext context = new CliContext(Clock.systemDefaultZone(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return run(BatonCli.commandLine(context), args);
  }

  static CliResult run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliResult(exitCode, out.toString(), err.toString());
  }
}
