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
  void tenantIsSentWithEveryCall() {
    CliResult result = CliResult.run("--server", api.target(), "--tenant", "acme", "list");

    assertThat(result.exitCode()).isZero();
    assertThat(api.tenants).containsExactly("acme");
  }

  @Test
  void globalOptionsAlsoWorkAfterTheSubcommand() {
    CliResult result = CliResult.run("workflows", "versions", "x", "--server", api.target(), "--tenant", "t2", "-o", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("{");
    assertThat(api.tenants).containsExactly("t2");
  }

  @Test
  void tenantDefaultsToDefault() {
    CliResult.run("--server", api.target(), "list");

    assertThat(api.tenants).containsExactly(System.getenv().getOrDefault("BATON_TENANT", "default"));
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
