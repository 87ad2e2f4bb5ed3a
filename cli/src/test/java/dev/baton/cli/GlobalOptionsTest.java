package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.v1.ListExecutionsResponse;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class GlobalOptionsTest {
  private FakeWorkflowApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    api.listResponse = ListExecutionsResponse.getDefaultInstance();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void globalOptionsAlsoWorkAfterTheSubcommand() {
    String key = "baton_bbbbbbbbbbbbbbbb_" + "t".repeat(43);

    CliResult result = CliResult.run("workflows", "versions", "x", "--server", api.target(), "--api-key", key,
        "-o", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("{");
    assertThat(api.authorizations).containsExactly("Bearer " + key);
  }

  @Test
  void theRemovedTenantOptionIsAUsageError() {
    CliResult result = CliResult.run("--server", api.target(), "--tenant", "acme", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("baton: Unknown options: '--tenant', 'acme' (see 'baton --help')\n");
    assertThat(api.requests).isEmpty();
  }

  @Command(name = "dev")
  static final class DevCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void aSubcommandAddedByAnotherModuleAcceptsTheGlobalOptions() {
    CommandLine baton = BatonCli.commandLine().addSubcommand("dev", new DevCommand());

    CliResult result = CliResult.run(baton, "dev", "--server", "localhost:9999");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }
}
