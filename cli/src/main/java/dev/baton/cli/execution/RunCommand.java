package dev.baton.cli.execution;

import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.command.DurationConverter;
import dev.baton.cli.command.FileArgument;
import dev.baton.cli.command.HelpOption;
import dev.baton.cli.connect.OrchestratorConnection;
import dev.baton.cli.connect.ProgressServerOption;
import dev.baton.cli.render.HumanTime;
import dev.baton.cli.render.StatusLabel;
import dev.baton.cli.render.Table;
import dev.baton.cli.watch.OutcomeExitCode;
import dev.baton.cli.watch.ReconnectPolicy;
import dev.baton.cli.watch.WatchSession;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code baton run WORKFLOW}: starts an execution and, with {@code --wait} or {@code --watch}, follows it to its end. */
@Command(name = "run", description = {
    "Start an execution of a workflow and print its id.",
    "With --wait, follow it to its end and print the result; with --watch, show its live progress",
    "(as 'baton watch' does). " + OutcomeExitCode.HELP + " With --wait also: 2 still running when --timeout passed."})
public final class RunCommand implements Callable<Integer> {
  @ParentCommand
  BatonCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Name of the workflow to run.")
  String workflow;

  @ArgGroup(exclusive = true)
  InputOption input;

  @Option(names = "--version", paramLabel = "N", description = "Workflow version to run (default: the active one).")
  int version;

  @Option(names = "--idempotency-key", paramLabel = "KEY",
      description = "Starting again with the same key returns the first execution instead of a new one.")
  String idempotencyKey;

  @ArgGroup(exclusive = true)
  FollowOption follow = new FollowOption();

  @Mixin
  ProgressServerOption progressServer;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long --wait waits, e.g. 30s, 10m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** How to follow the started execution: not at all, by waiting for its end, or live. */
  static final class FollowOption {
    @Option(names = "--wait", description = "Wait for the execution to end and print it.")
    boolean await;

    @Option(names = "--watch", description = "Show its live progress until it ends, as 'baton watch' does.")
    boolean watch;
  }

  /** The execution's input: inline or from a file, never both. */
  static final class InputOption {
    @Option(names = "--input", paramLabel = "JSON", converter = JsonObjectConverter.class,
        description = "Input as a JSON object, e.g. '{\"audience\":\"CTOs in Berlin\"}'.")
    String json;

    @Option(names = "--input-file", paramLabel = "FILE", description = "File holding the input JSON object, '-' for stdin.")
    String file;
  }

  @Override
  public Integer call() throws InterruptedException {
    String inputJson = inputJson();
    PrintWriter out = spec.commandLine().getOut();
    try (OrchestratorConnection connection = root.connect()) {
      StartExecutionRequest.Builder request = StartExecutionRequest.newBuilder()
          .setWorkflowName(workflow)
          .setWorkflowVersion(version)
          .setInputJson(inputJson);
      if (idempotencyKey != null) {
        request.setIdempotencyKey(idempotencyKey);
      }
      StartExecutionResponse started = connection.api().startExecution(request.build());
      if (!started.getCreated()) {
        spec.commandLine().getErr().println("baton: idempotency key '" + idempotencyKey
            + "' already started execution " + started.getExecution().getId() + "; showing that one");
      }
      if (follow.watch) {
        // sequence 1 is the execution's start: resuming after it shows every step from the first
        return new WatchSession(root, out, ReconnectPolicy.DEFAULT)
            .follow(progressServer.target(), started.getExecution().getId(), 1);
      }
      if (!follow.await) {
        if (root.json()) {
          BatonCommand.printJson(started, out);
        } else {
          new Table("ID", "STATUS").row(started.getExecution().getId(),
              StatusLabel.of(started.getExecution().getStatus())).print(out);
        }
        return OutcomeExitCode.SUCCEEDED;
      }
      ExecutionWaiter waiter = new ExecutionWaiter(
          e -> connection.api().getExecution(GetExecutionRequest.newBuilder().setExecutionId(e.getId()).build()),
          root.context().clock());
      Execution execution = waiter.awaitEnd(started.getExecution(), timeout);
      if (root.json()) {
        BatonCommand.printJson(execution, out);
      } else {
        new ExecutionView(root.time()).print(execution, out);
      }
      return exitCode(execution);
    }
  }

  private int exitCode(Execution execution) {
    if (!StatusLabel.isTerminal(execution.getStatus())) {
      spec.commandLine().getErr().println("baton: execution " + execution.getId() + " is still "
          + StatusLabel.of(execution.getStatus()) + " after " + HumanTime.duration(timeout)
          + "; follow it with 'baton get " + execution.getId() + "'");
      return OutcomeExitCode.STILL_RUNNING;
    }
    return OutcomeExitCode.of(execution.getStatus());
  }

  /** "" (the server's {}) when no input was given; a file's content is checked like {@code --input}. */
  private String inputJson() {
    if (input == null) {
      return "";
    }
    if (input.json != null) {
      return input.json;
    }
    String text = FileArgument.read(input.file, root.context().stdin());
    try {
      return JsonObjectConverter.requireObject(text);
    } catch (TypeConversionException e) {
      throw new ParameterException(spec.commandLine(), "--input-file " + input.file + ": " + e.getMessage());
    }
  }
}
