package dev.baton.cli.execution;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.GetExecutionRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton get ID}: one execution with its steps. */
@Command(name = "get", description = "Show an execution: status, duration, output and every step.")
public final class GetCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Parameters(index = "0", paramLabel = "ID", description = "Execution id.")
  String id;

  @Override
  public Integer call() {
    Execution execution;
    try (OrchestratorConnection connection = root.connect()) {
      execution = connection.api().getExecution(GetExecutionRequest.newBuilder().setExecutionId(id).build());
    }
    if (root.json()) {
      BatonCommand.printJson(execution, spec.commandLine().getOut());
    } else {
      new ExecutionView(root.time()).print(execution, spec.commandLine().getOut());
    }
    return 0;
  }
}
