package dev.baton.dev;

import dev.baton.cli.BatonCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code baton} command in this JVM against a test platform's orchestrator, as a user would
 * type it: with the {@code default} tenant's admin key given by {@code --api-key} (a test JVM has no
 * credentials file and cannot set BATON_API_KEY).
 */
final class CliRunner {
  /** What one invocation printed and returned. */
  record Result(int exit, String out, String err) {}

  private CliRunner() {}

  static Result baton(LocalPlatform platform, String... args) {
    return baton(platform, new StringWriter(), args);
  }

  /** Like {@link #baton(LocalPlatform, String...)}, printing to {@code out}, which a test may read while the command runs. */
  static Result baton(LocalPlatform platform, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("--server", platform.orchestrators().get(0).target(),
        "--api-key", platform.keys().tenantAdminSecret()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(new String[0]));
    return new Result(exit, out.toString(), err.toString());
  }
}
