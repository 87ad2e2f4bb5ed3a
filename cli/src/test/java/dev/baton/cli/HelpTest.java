package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HelpTest {

  /** Every command path, e.g. [run], [workflows, get], found by walking the command tree. */
  static Stream<List<String>> commands() {
    List<List<String>> paths = new ArrayList<>();
    collect(BatonCli.commandLine(), new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().aliases().equals(new String[0]) && !name.equals(sub.getCommandName())) {
        return; // an alias of a command already walked
      }
      List<String> subPath = new ArrayList<>(path);
      subPath.add(name);
      collect(sub, subPath, paths);
    });
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEveryCommandPrintsItsUsageAndExitsZero(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");

    CliResult result = CliResult.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).isZero();
    // contains, not startsWith: picocli's `help` command prints its description above the usage
    assertThat(result.out()).contains("Usage: " + String.join(" ", prepend("baton", path)) + " ");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void theTreeHasEveryDocumentedCommand() {
    assertThat(commands().map(p -> String.join(" ", p))).contains(
        "", "apply", "run", "list", "get", "cancel", "watch", "workflows", "workflows versions", "workflows get", "help",
        "interventions", "resume", "retry", "skip", "fail", "pause", "unpause", "alerts", "alerts rules", "alerts history",
        "alerts rules put", "alerts rules delete", "notifications", "notifications channels",
        "notifications channels put", "notifications channels delete", "notifications deliveries");
  }

  @Test
  void versionPrintsTheProgramName() {
    CliResult result = CliResult.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("baton ");
  }

  @Test
  void bareBatonPrintsTheOverview() {
    CliResult result = CliResult.run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: baton").contains("apply").contains("workflows");
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
