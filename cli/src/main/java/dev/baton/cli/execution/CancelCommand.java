package dev.baton.cli.execution;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton cancel ID}: cancels a running execution with its running steps and child executions. */
@Command(name = "cancel", description = "Cancel a running execution, its running steps and its child executions.")
public final class CancelCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Parameters(index = "0", paramLabel = "ID", description = "Execution id.")
  String id;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the execution's error and event log.")
  String reason;

  @Override
  public Integer call() {
    CancelExecutionRequest.Builder request = CancelExecutionRequest.newBuilder().setExecutionId(id);
    if (reason != null) {
      request.setReason(reason);
    }
    Execution execution;
    try (OrchestratorConnection connection = root.connect()) {
      execution = connection.api().cancelExecution(request.build());
    }
    if (root.json()) {
      BatonCommand.printJson(execution, spec.commandLine().getOut());
    } else {
      new Table("ID", "STATUS").row(execution.getId(), StatusLabel.of(execution.getStatus()))
          .print(spec.commandLine().getOut());
    }
    return 0;
  }
}
